package org.jkeepalived.config.parse;

import java.util.EnumSet;
import java.util.Set;

/**
 * One entry of the keyword table.
 *
 * @param path         the keyword's path, e.g. {@code vrrp_instance > priority}
 * @param name         the keyword as written in the file
 * @param shape        what follows the keyword
 * @param defaultValue keepalived's default, as documentation text
 * @param since        first keepalived release that accepts it ("2.2.7" for everything 2.2.7 knows), or
 *                     {@link #EXTENSION} for a jkeepalived extension no keepalived release knows
 * @param activeIn     passes in which a root keyword is handled (others skip its block silently);
 *                     sub-keywords inherit their root's
 * @param handler      what the keyword does (null: nothing beyond opening its block)
 * @param closeHandler run when the keyword's block closes normally, or null
 * @param sub          the block's sub-keywords, or null
 */
public record Keyword(String path, String name, ArgShape shape, String defaultValue, String since,
                      Set<Pass> activeIn, KeywordHandler handler, KeywordHandler closeHandler, KeywordLevel sub) {
    public Keyword {
        activeIn = activeIn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(activeIn));
    }

    /** The {@code since} value of jkeepalived's own keywords. */
    public static final String EXTENSION = "jkeepalived";

    /** True for a jkeepalived extension: keepalived (any release) reports it as an unknown keyword. */
    public boolean extension() {
        return EXTENSION.equals(since);
    }

    /** True for keywords keepalived 2.2.7 does not know (accepted here; see docs/compatibility.md). */
    public boolean newerThan227() {
        return !"2.2.7".equals(since);
    }
}
