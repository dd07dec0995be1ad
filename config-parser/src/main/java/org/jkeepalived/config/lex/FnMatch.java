package org.jkeepalived.config.lex;

/**
 * {@code fnmatch(3)} as glob uses it for one file name: {@code *}, {@code ?}, bracket expressions
 * ({@code [abc]}, {@code [a-z]}, {@code [!x]}/{@code [^x]}, {@code [[:alpha:]]}), backslash
 * quoting, and {@code FNM_PERIOD} (a leading {@code .} must be matched literally).
 *
 * <p>Stateless and thread-safe. Matching is iterative for {@code *} with single backtracking, so
 * its cost is bounded by pattern length times name length.
 */
final class FnMatch {
    private FnMatch() {
    }

    static boolean matches(String pattern, String name) {
        if (name.startsWith(".") && !pattern.startsWith(".") && !pattern.startsWith("\\.")) {
            return false;
        }
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = -1;
        while (n < name.length()) {
            if (p < pattern.length()) {
                char c = pattern.charAt(p);
                if (c == '*') {
                    starP = ++p;
                    starN = n;
                    continue;
                }
                int consumed = matchOne(pattern, p, name.charAt(n));
                if (consumed > 0) {
                    p += consumed;
                    n++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP;
            n = ++starN;
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Pattern length consumed when the element at {@code p} matches {@code c}; 0 when not. */
    private static int matchOne(String pattern, int p, char c) {
        char pc = pattern.charAt(p);
        if (pc == '?') {
            return 1;
        }
        if (pc == '\\' && p + 1 < pattern.length()) {
            return pattern.charAt(p + 1) == c ? 2 : 0;
        }
        if (pc == '[') {
            int end = bracketEnd(pattern, p);
            if (end > 0) {
                return bracketMatches(pattern, p + 1, end, c) ? end - p + 1 : 0;
            }
        }
        return pc == c ? 1 : 0;
    }

    /** Index of the ']' closing the bracket expression at {@code open}, or -1 (then '[' is literal). */
    private static int bracketEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '[' && i + 1 < pattern.length() && pattern.charAt(i + 1) == ':') {
                int close = pattern.indexOf(":]", i + 2);
                if (close > 0) {
                    i = close + 2;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < pattern.length()) {
                i += 2;
                continue;
            }
            if (c == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static boolean bracketMatches(String pattern, int from, int end, char c) {
        int i = from;
        boolean negate = pattern.charAt(i) == '!' || pattern.charAt(i) == '^';
        if (negate) {
            i++;
        }
        boolean matched = false;
        boolean first = true;
        while (i < end) {
            char lo = pattern.charAt(i);
            if (lo == '[' && i + 1 < end && pattern.charAt(i + 1) == ':') {
                int close = pattern.indexOf(":]", i + 2);
                if (close > 0 && close < end) {
                    matched |= inClass(pattern.substring(i + 2, close), c);
                    i = close + 2;
                    first = false;
                    continue;
                }
            }
            if (lo == '\\' && i + 1 < end) {
                lo = pattern.charAt(++i);
            }
            i++;
            if (i + 1 < end && pattern.charAt(i) == '-') {
                char hi = pattern.charAt(i + 1);
                if (hi == '\\' && i + 2 < end) {
                    hi = pattern.charAt(i + 2);
                    i++;
                }
                matched |= c >= lo && c <= hi;
                i += 2;
            } else {
                matched |= c == lo;
            }
            first = false;
        }
        return matched != negate;
    }

    private static boolean inClass(String name, char c) {
        switch (name) {
            case "alpha":
                return CText.isAlpha(c);
            case "digit":
                return CText.isDigit(c);
            case "alnum":
                return CText.isAlnum(c);
            case "upper":
                return c >= 'A' && c <= 'Z';
            case "lower":
                return c >= 'a' && c <= 'z';
            case "space":
                return CText.isSpace(c);
            case "blank":
                return CText.isBlank(c);
            case "xdigit":
                return CText.isXDigit(c);
            case "punct":
                return c > 32 && c < 127 && !CText.isAlnum(c);
            case "print":
                return c >= 32 && c < 127;
            case "graph":
                return c > 32 && c < 127;
            case "cntrl":
                return c < 32 || c == 127;
            default:
                return false;
        }
    }
}
