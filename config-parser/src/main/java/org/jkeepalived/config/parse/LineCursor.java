package org.jkeepalived.config.parse;

import org.jkeepalived.config.lex.LogicalLine;

/**
 * Reads the logical lines of one pass. Brace depth ({@code Extra '}' found}, missing '}'s) is
 * counted and reported by the lexer, once per distinct form, not here.
 */
final class LineCursor {
    private final LineSource lines;
    private final ParseState state;
    private int next;

    LineCursor(LineSource lines, ParseState state) {
        this.lines = lines;
        this.state = state;
    }

    /** The index of the line last returned (-1 before the first). */
    int position() {
        return next - 1;
    }

    /** The next logical line, or null at the end. */
    LogicalLine next() {
        LogicalLine line = lines.line(next);
        if (line == null) {
            return null;
        }
        next++;
        state.setCurrent(line);
        return line;
    }
}
