package org.jkeepalived.config.parse;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.lex.LogicalLine;

/**
 * Reads the logical lines of one pass and keeps keepalived's brace depth: a standalone '}' below
 * depth 0 is reported as {@code Extra '}' found} where it is read, whoever reads it.
 */
final class LineCursor {
    private final LineSource lines;
    private final ParseState state;
    private int next;
    private int depth;

    LineCursor(LineSource lines, ParseState state) {
        this.lines = lines;
        this.state = state;
    }

    /** The next logical line, or null at the end. */
    LogicalLine next() {
        LogicalLine line = lines.line(next);
        if (line == null) {
            return null;
        }
        next++;
        state.setCurrent(line);
        if (line.isOpenBrace()) {
            depth++;
        } else if (line.isCloseBrace()) {
            if (depth-- < 1) {
                state.report(ConfigError.UNEXPECTED_EOB, "Extra '}' found");
                depth = 0;
            }
        }
        return line;
    }

    /** Braces still open at the end of the pass. */
    int depth() {
        return depth;
    }
}
