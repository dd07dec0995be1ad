package org.jkeepalived.config.parse;

import org.jkeepalived.config.ConfigError;

/**
 * keepalived's number readers ({@code read_int}, {@code read_unsigned}, {@code read_decimal_*}) in
 * config-test mode: base 10, every problem reported with keepalived's wording, and a rejected value
 * returns null so the caller keeps its default.
 */
final class Numbers {
    /** Microseconds per second: keepalived's TIMER_HZ. */
    static final long TIMER_HZ = 1_000_000L;
    /**
     * Stands for keepalived's TIMER_MAXIMUM (ULONG_MAX - 1 µs): larger values do not fit a long,
     * and messages print the real bound.
     */
    static final long TIMER_MAX = Long.MAX_VALUE;

    private Numbers() {
    }

    /** strtol-style parse of a whole decimal string; null when not a number (junk or empty). */
    private static java.math.BigInteger parseWhole(String s) {
        if (!s.isEmpty() && s.length() < 10 && allDigits(s)) {
            return java.math.BigInteger.valueOf(Integer.parseInt(s));
        }
        String t = s.stripLeading();
        if (t.isEmpty()) {
            return null;
        }
        int i = 0;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            i = 1;
        }
        if (i >= t.length()) {
            return null;
        }
        for (int j = i; j < t.length(); j++) {
            if (!Character.isDigit(t.charAt(j)) || t.charAt(j) > '9') {
                return null;
            }
        }
        return new java.math.BigInteger(t.charAt(0) == '+' ? t.substring(1) : t);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static Long readInt(ParseState st, String text, long min, long max) {
        java.math.BigInteger v = parseWhole(text);
        if (v == null) {
            st.report(ConfigError.INVALID_NUMBER, "invalid number '" + text + "'");
            return null;
        }
        if (v.bitLength() > 31) {
            st.report(ConfigError.INVALID_NUMBER, "number '" + text + "' outside integer range");
            return null;
        }
        long val = v.longValue();
        if (val < min || val > max) {
            st.report(ConfigError.INVALID_NUMBER, "number '" + text + "' outside range [" + min + ", " + max + "]");
            return null;
        }
        return val;
    }

    static Long readUnsigned(ParseState st, String text, long min, long max) {
        String t = text.stripLeading();
        if (t.startsWith("-")) {
            st.report(ConfigError.INVALID_NUMBER, "negative number '" + text + "'");
            return null;
        }
        java.math.BigInteger v = parseWhole(t);
        if (v == null) {
            st.report(ConfigError.INVALID_NUMBER, "invalid number '" + text + "'");
            return null;
        }
        if (v.bitLength() > 32) {
            st.report(ConfigError.INVALID_NUMBER, "number '" + text + "' outside unsigned integer range");
            return null;
        }
        long val = v.longValue();
        if (val < min || val > max) {
            st.report(ConfigError.INVALID_NUMBER, "number '" + text + "' outside range [" + min + ", " + max + "]");
            return null;
        }
        return val;
    }

    /**
     * A decimal with up to {@code shift} fractional digits, returned scaled by 10^shift
     * ({@code read_decimal_unsigned_long_func}). keepalived's quirk is kept: with
     * {@code ignoreError} a malformed number still yields the value of its leading digits when that
     * is in range (after the "invalid number" message), even in config-test mode.
     */
    static Long readDecimal(ParseState st, String text, long min, long max, int shift, boolean ignoreError) {
        if (text.startsWith("-")) {
            st.report(ConfigError.INVALID_NUMBER, "negative number '" + text + "'");
            return null;
        }
        int dot = text.indexOf('.');
        int decimals = dot >= 0 ? text.length() - dot - 1 : 0;
        boolean roundUp = false;
        if (decimals > shift) {
            st.report(ConfigError.INVALID_NUMBER, "number '" + text + "' has too many decimal places");
            roundUp = text.charAt(dot + shift + 1) >= '5';
            decimals = shift;
        }
        StringBuilder digits = new StringBuilder();
        if (dot >= 0) {
            digits.append(text, 0, dot).append(text, dot + 1, dot + 1 + decimals);
        } else {
            digits.append(text);
        }
        digits.append("0".repeat(shift - decimals));
        java.math.BigInteger v = leadingValue(digits.toString());
        boolean valid = parseWhole(digits.toString()) != null && digits.indexOf("-") < 0 && digits.indexOf("+") <= 0;
        if (roundUp) {
            v = v.add(java.math.BigInteger.ONE);
        }
        if (v.bitLength() > 63) {
            st.report(ConfigError.INVALID_NUMBER, "number '" + text + "' outside unsigned decimal range");
            return null;
        }
        long val = v.longValue();
        if (!valid) {
            st.report(ConfigError.INVALID_NUMBER, "invalid number '" + text + "'");
        } else if (val < min || val > max) {
            long scale = pow10(shift);
            st.report(ConfigError.INVALID_NUMBER, "number '" + text + "' outside range ["
                    + fixed(min, scale, shift) + ", " + fixed(max, scale, shift) + "]");
            return null;
        } else {
            return val;
        }
        return ignoreError && val >= min && val <= max ? Long.valueOf(val) : null;
    }

    /** strtoull's value: leading blanks, an optional '+', then the leading digits (0 if none). */
    private static java.math.BigInteger leadingValue(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '+') {
            i++;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return start == i ? java.math.BigInteger.ZERO : new java.math.BigInteger(s.substring(start, i));
    }

    /** A timer in seconds with microsecond resolution ({@code read_timer}); max 0 = TIMER_MAX. */
    static Long readTimer(ParseState st, String text, long minMicros, long maxMicros) {
        return readDecimal(st, text, minMicros, maxMicros == 0 ? TIMER_MAX : maxMicros, 6, true);
    }

    private static String fixed(long value, long scale, int shift) {
        if (value == TIMER_MAX && shift == 6) {
            return "18446744073709.551614";
        }
        if (shift == 0) {
            return Long.toString(value);
        }
        String frac = Long.toString(value % scale);
        return value / scale + "." + "0".repeat(shift - frac.length()) + frac;
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }

    /** keepalived's check_true_false: 1 true, 0 false, -1 neither. */
    static int trueFalse(String s) {
        switch (s) {
            case "true", "on", "yes":
                return 1;
            case "false", "off", "no":
                return 0;
            default:
                return -1;
        }
    }
}
