package org.jkeepalived.config.lex;

/**
 * keepalived 2.2.7's {@code decomment()}: strips leading blanks, the comment, trailing blanks, and
 * un-escapes {@code \#}/{@code \!} outside double quotes.
 *
 * <p>Rules, scanning left to right: a {@code "} toggles "inside quotes" (not once a comment has
 * started); outside quotes the first {@code !} or {@code #} starts the comment, even mid-word; a
 * backslash followed by {@code #} or {@code !} outside quotes is removed; any other backslash skips
 * the character after it (so {@code \"} does not toggle quoting); a backslash that is the last
 * character marks a continuation: it is kept, after the trailing blanks are removed, even when it
 * sits inside the comment (a 2.2.7 quirk). Only space and tab count as blanks here.
 *
 * <p>Stateless and thread-safe.
 */
final class Decommenter {
    private Decommenter() {
    }

    /**
     * The decommented line, and the text keepalived quotes in {@code Unterminated quote '…'} when
     * the line has an odd number of unescaped double quotes before its comment.
     */
    record Result(String text, String unterminatedQuoteText) {
    }

    static Result decomment(String line) {
        StringBuilder s = new StringBuilder(line.length());
        s.append(line, CText.spn(line, 0, CText.BLANKS), line.length());
        boolean quote = false;
        boolean continuation = false;
        int commentStart = -1;
        int p = 0;
        while ((p = CText.pbrk(s, p, "!#\"\\")) >= 0) {
            char c = s.charAt(p);
            if (c == '"') {
                if (commentStart < 0) {
                    quote = !quote;
                }
                p++;
                continue;
            }
            if (c == '\\') {
                if (p + 1 < s.length()) {
                    char next = s.charAt(p + 1);
                    if (!quote && (next == '#' || next == '!')) {
                        s.deleteCharAt(p);
                        p++;
                    } else {
                        p += 2;
                    }
                    continue;
                }
                s.setLength(p);
                continuation = true;
                break;
            }
            if (!quote && commentStart < 0) {
                commentStart = p;
            }
            p++;
        }
        String unterminated = quote ? s.toString() : null;
        if (commentStart >= 0 && commentStart < s.length()) {
            s.setLength(commentStart);
        }
        String text = CText.stripTrailingBlanks(s.toString());
        if (continuation) {
            text = text + "\\";
        }
        return new Result(text, unterminated);
    }
}
