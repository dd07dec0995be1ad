package org.jkeepalived.config.parse;

import org.jkeepalived.config.lex.LogicalLine;

/** Applies one keyword line to the parse state. Handlers never throw except {@link ParseAbort}. */
@FunctionalInterface
public interface KeywordHandler {
    void handle(ParseState state, LogicalLine line);
}
