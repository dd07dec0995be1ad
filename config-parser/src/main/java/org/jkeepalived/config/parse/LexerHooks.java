package org.jkeepalived.config.parse;

import java.util.List;

import org.jkeepalived.config.lex.LogicalLine;

/**
 * Global keywords that change how the rest of the file is read ({@code include_check},
 * {@code random_seed}). They act in the parent pass, which reads the lexer on demand, so they
 * affect exactly the lines after them as in keepalived.
 */
final class LexerHooks {
    private LexerHooks() {
    }

    /** What the parser may ask of the lexer while the parent pass runs. */
    interface Control {
        void includeCheck(List<String> words);

        void randomSeed(long seed);

        /** Whether following lines are read as keepalived's parent reads them (inside global_defs). */
        default void parentView(boolean parentView) {
        }
    }

    static void includeCheck(ParseState st, LogicalLine line) {
        Handlers.record(st, line);
        st.lexerControl().includeCheck(line.tokens());
    }

    static void randomSeed(ParseState st, LogicalLine line) {
        Long v = Numbers.readUnsigned(st, line.tokens().get(1), 0, 4294967295L);
        if (v == null) {
            st.report(org.jkeepalived.config.ConfigError.GENERAL_ERROR, "random_seed " + line.tokens().get(1) + " invalid");
        } else {
            Handlers.record(st, line);
            st.lexerControl().randomSeed(v);
        }
    }
}
