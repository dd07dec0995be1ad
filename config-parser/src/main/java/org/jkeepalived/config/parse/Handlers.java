package org.jkeepalived.config.parse;

import java.util.List;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.lex.LogicalLine;

/** Handlers shared by every block: raw recording and boolean parsing. */
final class Handlers {
    private Handlers() {
    }

    /** Records the keyword's arguments in the innermost open block (root settings at top level). */
    static void record(ParseState st, LogicalLine line) {
        List<String> t = line.tokens();
        Draft target = st.target != null ? st.target : st.drafts().root;
        target.record(t.get(0), t.subList(1, t.size()));
    }

    /** Opens a block whose keywords are recorded raw in a fresh draft. */
    static void rawBlock(ParseState st, LogicalLine line) {
        Draft block = new Draft();
        Draft parent = st.target != null ? st.target : st.drafts().root;
        parent.record(line.tokens().get(0), line.tokens().subList(1, line.tokens().size()));
        st.target = block;
    }

    /**
     * keepalived's optional boolean: the keyword alone means true; otherwise true/on/yes or
     * false/off/no; anything else reports {@code message} (when not null) and returns null.
     */
    static Boolean optionalBool(ParseState st, LogicalLine line, String message) {
        if (line.tokens().size() < 2) {
            return Boolean.TRUE;
        }
        int v = Numbers.trueFalse(line.tokens().get(1));
        if (v < 0) {
            if (message != null) {
                st.report(ConfigError.GENERAL_ERROR, message);
            }
            return null;
        }
        return v == 1;
    }

    /** The words after the keyword. */
    static List<String> args(LogicalLine line) {
        return line.tokens().subList(1, line.tokens().size());
    }
}
