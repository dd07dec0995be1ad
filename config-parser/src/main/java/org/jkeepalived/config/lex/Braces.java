package org.jkeepalived.config.lex;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** keepalived's brace splitting (step 8 of {@code read_line}) as pure functions. Stateless. */
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

    /**
     * The logical lines other than lone braces that step 8 makes of {@code text}, up to the first
     * rest that steps 3 to 7 would change (it starts with {@code @} or {@code ~}, holds a
     * {@code $}, or is an include line): what follows it cannot be known without expanding.
     */
    static List<String> piecesBeforeExpansion(String text, Predicate<String> isInclude) {
        List<String> pieces = new ArrayList<>();
        String rest = text;
        while (!rest.isEmpty() && "@~".indexOf(rest.charAt(0)) < 0 && rest.indexOf('$') < 0 && !isInclude.test(rest)) {
            int cut = cut(rest);
            String piece = CText.stripTrailingBlanks(rest.substring(0, cut));
            if (!piece.equals("{") && !piece.equals("}")) {
                pieces.add(piece);
            }
            rest = CText.stripTrailingBlanks(rest.substring(cut));
        }
        return pieces;
    }
}
