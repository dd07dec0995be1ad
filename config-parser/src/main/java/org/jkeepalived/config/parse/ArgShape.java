package org.jkeepalived.config.parse;

/**
 * What a keyword expects after its name. Only {@link #REQUIRED} makes a bare keyword fatal:
 * keepalived then prints {@code *** Configuration line starting `K` is missing a parameter …}
 * and exits 2.
 */
public enum ArgShape {
    /** Takes no argument (extra words are ignored). */
    NONE,
    /** An optional argument (a boolean, or an optional value). */
    OPTIONAL,
    /** At least one argument. */
    REQUIRED,
    /** A block of keywords: {@code KW { … }}. */
    BLOCK,
    /** A named block of keywords: {@code KW NAME { … }}. */
    NAMED_BLOCK,
    /** A block of value lines read by the keyword's handler: {@code KW { line … }}. */
    VALUE_BLOCK,
    /** A named block of value lines ({@code virtual_server_group NAME { … }}). */
    NAMED_VALUE_BLOCK;

    /** Whether the keyword opens a block of sub-keywords. */
    public boolean hasSubKeywords() {
        return this == BLOCK || this == NAMED_BLOCK;
    }
}
