package org.jkeepalived.config.lex;

import java.util.List;
import java.util.function.Consumer;

/**
 * How strictly include problems count as errors: keepalived's {@code include_check} bit set.
 * A problem of a kind whose bit is set (in this value or in the include line's own
 * {@code includer}/{@code m}/{@code w}/{@code b}/{@code a} letter) is a {@code FILE_NOT_FOUND}
 * error (exit 4); otherwise keepalived only prints it (severity OK).
 *
 * <ul>
 *   <li>{@link #READ} ({@code r}): a matched entry is a directory, not readable, not a regular
 *       non-executable file;</li>
 *   <li>{@link #MATCH} ({@code m}): nothing matched a pattern without wildcards;</li>
 *   <li>{@link #WILDCARD_MATCH} ({@code w}): nothing matched, even with wildcards;</li>
 *   <li>{@link #BRACE_MATCH} ({@code b}): some {@code {a,b}} alternative matched nothing.</li>
 * </ul>
 *
 * <p>Immutable value; thread-safe.
 *
 * @param bits the set bits ({@link #READ} | {@link #MATCH} | …)
 */
public record IncludeCheck(int bits) {
    public static final int READ = 0x01;
    public static final int MATCH = 0x02;
    public static final int WILDCARD_MATCH = 0x04;
    public static final int BRACE_MATCH = 0x08;

    /** Plain {@code include}, and the default: nothing is an error. */
    public static final IncludeCheck NONE = new IncludeCheck(0);
    /** {@code -e/--all-config}, {@code includea}, and {@code include_check} without arguments. */
    public static final IncludeCheck ALL = new IncludeCheck(READ | MATCH | WILDCARD_MATCH | BRACE_MATCH);

    public IncludeCheck {
        bits &= ALL_BITS;
    }

    private static final int ALL_BITS = 0x0f;

    public boolean has(int bit) {
        return (bits & bit) != 0;
    }

    /**
     * The value after a {@code global_defs} line {@code include_check [WORD…]}, as keepalived's
     * {@code include_check_set} computes it from this one: no words → {@link #ALL}; a first word
     * without sign sets {@code read} plus that check; {@code +word}/{@code -word} add/remove;
     * words are {@code read}, {@code match}, {@code wildcard_match}, {@code brace_match}.
     *
     * @param tokens the whole line's tokens, keyword first
     * @param errors receives keepalived's messages ({@code Duplicate include_check '…' specified -
     *               ignoring}, {@code Unknown include_check type '…' - ignoring}), both
     *               GENERAL_ERROR in keepalived
     */
    public IncludeCheck applyKeyword(List<String> tokens, Consumer<String> errors) {
        if (tokens.size() <= 1) {
            return ALL;
        }
        int value = bits;
        for (int i = 1; i < tokens.size(); i++) {
            String word = tokens.get(i);
            int mode = 0;
            int offset = 1;
            if (word.startsWith("-")) {
                mode = -1;
            } else if (word.startsWith("+")) {
                mode = 1;
            } else {
                offset = 0;
                if (i == 1) {
                    value = 0;
                } else {
                    errors.accept("Duplicate include_check '" + word + "' specified - ignoring");
                    continue;
                }
            }
            int flag = flagNamed(word.substring(offset));
            if (flag == 0) {
                errors.accept("Unknown include_check type '" + word.substring(offset) + "' - ignoring");
                continue;
            }
            if (mode == 0) {
                value = READ | flag;
            } else if (mode > 0) {
                value |= flag;
            } else {
                value &= ~flag;
            }
        }
        return new IncludeCheck(value);
    }

    private static int flagNamed(String name) {
        switch (name) {
            case "read":
                return READ;
            case "match":
                return MATCH;
            case "wildcard_match":
                return WILDCARD_MATCH;
            case "brace_match":
                return BRACE_MATCH;
            default:
                return 0;
        }
    }

    /** The bits of an include line's keyword ({@code include}, {@code includer}, …), or -1. */
    static int bitsOfKeyword(char letter) {
        switch (letter) {
            case 'r':
                return READ;
            case 'm':
                return READ | MATCH;
            case 'w':
                return READ | MATCH | WILDCARD_MATCH;
            case 'b':
                return READ | BRACE_MATCH;
            case 'a':
                return READ | MATCH | BRACE_MATCH | WILDCARD_MATCH;
            default:
                return -1;
        }
    }
}
