package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keywords valid at one block level, in definition order. Lookup is exact and case-sensitive,
 * first definition wins (as keepalived's linear search does). Immutable once the table is built.
 */
public final class KeywordLevel {
    private final List<Keyword> ordered = new ArrayList<>();
    private final Map<String, Keyword> byName = new HashMap<>();

    void add(Keyword keyword) {
        ordered.add(keyword);
        byName.putIfAbsent(keyword.name(), keyword);
    }

    void replace(Keyword old, Keyword updated) {
        ordered.set(ordered.indexOf(old), updated);
        if (byName.get(old.name()) == old) {
            byName.put(old.name(), updated);
        }
    }

    /** The keyword with this exact name, or null. */
    public Keyword lookup(String name) {
        return byName.get(name);
    }

    public List<Keyword> keywords() {
        return Collections.unmodifiableList(ordered);
    }
}
