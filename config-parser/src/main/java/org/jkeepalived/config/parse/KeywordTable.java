package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The single keyword table: every keyword keepalived 2.2.7 accepts plus those added later, as a
 * tree of {@link KeywordLevel}s. It drives block processing and can be listed ({@link #allPaths()})
 * for documentation. Immutable after construction (block levels are defined on first use, see
 * {@link KeywordLevel}); safe to share.
 */
public final class KeywordTable {
    /** The release whose keyword set is the compatibility baseline. */
    public static final String BASELINE = "2.2.7";

    private final KeywordLevel root;

    KeywordTable(KeywordLevel root) {
        this.root = root;
    }

    public KeywordLevel root() {
        return root;
    }

    /**
     * Defines now the blocks under the named root keywords, with every block nested in them, so
     * that a later parse finds them ready (a daemon's start-up helper thread does this for the
     * blocks most configurations use). Unknown names are ignored.
     */
    public void define(Collection<String> rootKeywords) {
        for (String name : rootKeywords) {
            Keyword keyword = root.lookup(name);
            if (keyword != null && keyword.sub() != null) {
                collect(keyword.sub(), new ArrayList<>()); // listing a level defines it
            }
        }
    }

    /** Every keyword in the tree, depth first, in definition order. */
    public List<Keyword> allKeywords() {
        List<Keyword> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(KeywordLevel level, List<Keyword> out) {
        for (Keyword k : level.keywords()) {
            out.add(k);
            if (k.sub() != null) {
                collect(k.sub(), out);
            }
        }
    }

    /** The paths of every keyword, e.g. {@code vrrp_instance > authentication > auth_pass}. */
    public List<String> allPaths() {
        return allKeywords().stream().map(Keyword::path).toList();
    }

    /** Fluent construction of one level; used by the keyword definition classes. */
    static final class Builder {
        private final KeywordLevel level;
        private final String prefix;
        private final Set<Pass> active;
        private String since = BASELINE;

        Builder(KeywordLevel level, String prefix, Set<Pass> active) {
            this.level = level;
            this.prefix = prefix;
            this.active = active;
        }

        /** Subsequent keywords on this builder are new in {@code release} (until reset with 2.2.7). */
        Builder since(String release) {
            this.since = release;
            return this;
        }

        Builder kw(String name, ArgShape shape, String defaultValue, KeywordHandler handler) {
            level.add(new Keyword(prefix + name, name, shape, defaultValue, since, active, handler, null, null));
            return this;
        }

        /** A keyword opening a block of sub-keywords, defined by {@code body}. */
        Builder block(String name, ArgShape shape, KeywordHandler handler, KeywordHandler close,
                      Consumer<Builder> body) {
            return blockActive(name, shape, active, handler, close, body);
        }

        /** A root keyword handled only in the given passes. */
        Builder blockActive(String name, ArgShape shape, Set<Pass> passes, KeywordHandler handler,
                            KeywordHandler close, Consumer<Builder> body) {
            String subPrefix = prefix + name + " > ";
            String subSince = since;
            KeywordLevel sub = new KeywordLevel(subLevel -> {
                Builder subBuilder = new Builder(subLevel, subPrefix, passes);
                subBuilder.since = subSince;
                body.accept(subBuilder);
            });
            level.add(new Keyword(prefix + name, name, shape, "—", since, passes, handler, close, sub));
            return this;
        }

        /** A root keyword without sub-keywords handled only in the given passes. */
        Builder kwActive(String name, ArgShape shape, Set<Pass> passes, String defaultValue,
                         KeywordHandler handler) {
            level.add(new Keyword(prefix + name, name, shape, defaultValue, since, passes, handler, null, null));
            return this;
        }

        static Set<Pass> passes(Pass first, Pass... rest) {
            return EnumSet.of(first, rest);
        }
    }
}
