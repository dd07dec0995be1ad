package org.jkeepalived.config.lex;

/** keepalived's brace splitting (step 8 of {@code read_line}) as a pure function. Stateless. */
final class Braces {
    private Braces() {
    }

    /**
     * Where step 8 cuts a non-empty line: after a leading brace (and the blanks after it), before
     * the first other brace outside double quotes, or at the end when there is none. At least 1.
     */
    static int cut(String buf) {
        int p = 0;
        char first = buf.charAt(0);
        if (first != '{' && first != '}') {
            p = CText.pbrk(buf, 0, "{}\"");
            while (p >= 0 && buf.charAt(p) == '"') {
                int close = buf.indexOf('"', p + 1);
                p = close < 0 ? -1 : CText.pbrk(buf, close + 1, "{}\"");
            }
        }
        if (p >= 0 && (buf.charAt(p) == '{' || buf.charAt(p) == '}')) {
            return p + (p == 0 ? CText.spn(buf, 1, CText.BLANKS) + 1 : 0);
        }
        return buf.length();
    }
}
