package org.jkeepalived.config.lex;

import java.util.List;

/**
 * One logical line after keepalived's lexical processing (comments, conditionals, definitions,
 * {@code ~SEQ}/{@code ~LST}, substitution, includes and brace splitting): a standalone {@code "{"}
 * or {@code "}"} is its own logical line.
 *
 * @param location where the physical line that produced it starts
 * @param text     the decommented, substituted text (leading and trailing blanks removed) — what
 *                 script-valued keywords re-split with the quoted tokenizer
 * @param tokens   {@code text} split as keepalived's {@code alloc_strvec_r} splits it; never empty
 */
public record LogicalLine(SourceLocation location, String text, List<String> tokens) {
    public LogicalLine {
        tokens = List.copyOf(tokens);
    }

    /** The first token: the keyword, or a brace. */
    public String keyword() {
        return tokens.get(0);
    }

    public boolean isOpenBrace() {
        return tokens.size() == 1 && tokens.get(0).equals("{");
    }

    public boolean isCloseBrace() {
        return tokens.size() == 1 && tokens.get(0).equals("}");
    }
}
