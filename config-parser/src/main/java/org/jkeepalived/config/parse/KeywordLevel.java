package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The keywords valid at one block level, in definition order. Lookup is exact and case-sensitive,
 * first definition wins (as keepalived's linear search does). Immutable once defined.
 *
 * <p>A block's level is defined on first use: its keywords (and their handlers, each a method
 * reference the JVM links when the definition runs) are made only when a configuration opens the
 * block or the table is listed. Most configurations use a few of the blocks (global_defs,
 * vrrp_instance), and linking the handlers of all of them was most of a daemon's parser start-up
 * (docs/bench/daemon-tuning.md section 9). Thread-safe: the definition runs once, under this
 * level's lock, and is published by the volatile write that clears it.
 */
public final class KeywordLevel {
    private final List<Keyword> ordered = new ArrayList<>();
    private final Map<String, Keyword> byName = new HashMap<>();
    /** Adds this level's keywords to it; null once run (the write that publishes them). */
    private volatile Consumer<KeywordLevel> definition;

    /** A level whose keywords are added right away (the root). */
    KeywordLevel() {
    }

    /** A level whose keywords {@code definition} adds to it, on first use. */
    KeywordLevel(Consumer<KeywordLevel> definition) {
        this.definition = definition;
    }

    void add(Keyword keyword) {
        ordered.add(keyword);
        byName.putIfAbsent(keyword.name(), keyword);
    }

    /** The keyword with this exact name, or null. */
    public Keyword lookup(String name) {
        define();
        return byName.get(name);
    }

    public List<Keyword> keywords() {
        define();
        return Collections.unmodifiableList(ordered);
    }

    /** Whether the definition has run (tests). */
    boolean isDefined() {
        return definition == null;
    }

    /** Runs the definition if it has not run yet; afterwards the level never changes. */
    void define() {
        if (definition != null) {
            synchronized (this) {
                Consumer<KeywordLevel> pending = definition;
                if (pending != null) {
                    pending.accept(this);
                    definition = null;
                }
            }
        }
    }
}
