package org.jkeepalived.config.lex;

/**
 * The handful of C-library string primitives keepalived's lexer is written in ({@code strspn},
 * {@code strtol}, the C-locale {@code ctype} classes), reproduced over Java strings so the lexer can
 * follow keepalived's scanning rules character by character. A position at or past the end of a
 * string reads as the NUL terminator ({@code '\0'}).
 *
 * <p>Stateless; safe for any thread.
 */
final class CText {
    /** keepalived's {@code WHITE_SPACE}: the token separators. */
    static final String WHITE_SPACE = " \t\f\n\r\u000b";
    static final String BLANKS = " \t";

    private CText() {
    }

    /** The character at {@code index}, or NUL past the end. */
    static char at(CharSequence s, int index) {
        return index >= 0 && index < s.length() ? s.charAt(index) : '\0';
    }

    /** C-locale {@code isspace}. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }

    /** C-locale {@code isblank}. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlnum(char c) {
        return isAlpha(c) || isDigit(c);
    }

    static boolean isXDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Length of the run starting at {@code from} made only of characters in {@code accept}. */
    static int spn(CharSequence s, int from, String accept) {
        int i = from;
        while (i < s.length() && accept.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i - from;
    }

    /** Length of the run starting at {@code from} made only of characters not in {@code reject}. */
    static int cspn(CharSequence s, int from, String reject) {
        int i = from;
        while (i < s.length() && reject.indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return i - from;
    }

    /** Index of the first character at or after {@code from} that is in {@code chars}, or -1. */
    static int pbrk(CharSequence s, int from, String chars) {
        for (int i = Math.max(from, 0); i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The result of {@link #strtol}: the value and the index just past the number. */
    record ParsedLong(long value, int end) {
    }

    /**
     * {@code strtol(s + from, &end, base)} for base 0 (C prefix rules: {@code 0x} hex, leading
     * {@code 0} octal) or 10: leading white space skipped, optional sign, saturating at
     * {@code Long.MIN_VALUE}/{@code MAX_VALUE} on overflow. With no digits the value is 0 and
     * {@code end == from}.
     */
    static ParsedLong strtol(CharSequence s, int from, int base) {
        int i = from + spn(s, from, WHITE_SPACE);
        boolean negative = false;
        if (at(s, i) == '+' || at(s, i) == '-') {
            negative = at(s, i) == '-';
            i++;
        }
        int radix = base;
        if ((base == 0 || base == 16) && at(s, i) == '0' && (at(s, i + 1) == 'x' || at(s, i + 1) == 'X')
                && isXDigit(at(s, i + 2))) {
            radix = 16;
            i += 2;
        } else if (base == 0) {
            radix = at(s, i) == '0' ? 8 : 10;
        }
        int digitsStart = i;
        long magnitude = 0;
        boolean overflow = false;
        while (true) {
            int digit = Character.digit(at(s, i), radix);
            if (digit < 0 || at(s, i) > 0x7f) {
                break;
            }
            if (!overflow) {
                if (magnitude > (Long.MAX_VALUE - digit) / radix) {
                    overflow = true;
                } else {
                    magnitude = magnitude * radix + digit;
                }
            }
            i++;
        }
        if (i == digitsStart) {
            return new ParsedLong(0, from);
        }
        if (overflow) {
            return new ParsedLong(negative ? Long.MIN_VALUE : Long.MAX_VALUE, i);
        }
        return new ParsedLong(negative ? -magnitude : magnitude, i);
    }

    /** Removes trailing blanks (space and tab), as keepalived does after each step. */
    static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
