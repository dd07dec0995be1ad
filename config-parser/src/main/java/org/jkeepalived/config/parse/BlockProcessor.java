package org.jkeepalived.config.parse;

import java.util.List;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.lex.LogicalLine;

/**
 * keepalived's block walker ({@code process_stream}) for one pass: matches each line's first word
 * against the current level, runs handlers, descends into blocks, skips the blocks of keywords
 * inactive in this pass, and reproduces keepalived's leniency: an unknown keyword's block is not
 * skipped, its {@code '{'} is reported as unexpected and its contents are read at the current level.
 */
final class BlockProcessor {
    private static final String BOB = "{";
    private static final String EOB = "}";

    private final ParseState state;
    private final LineCursor cursor;

    BlockProcessor(ParseState state, LineCursor cursor) {
        this.state = state;
        this.cursor = cursor;
    }

    /** Runs the whole pass from the root level. */
    void run(KeywordLevel root) {
        process(root, false, 0);
    }

    /** One block level; returns true when a skipped block ended the level (no close handler). */
    private boolean process(KeywordLevel level, boolean needBob, int kwLevel) {
        LogicalLine line;
        while ((line = cursor.next()) != null) {
            List<String> tokens = line.tokens();
            String str = tokens.get(0);
            if (state.skipSublevel == -1) {
                if (str.equals(BOB)) {
                    state.skipSublevel = 1;
                    needBob = false;
                    continue;
                }
                state.skipSublevel = 0;
            }
            if (state.skipSublevel > 0) {
                if (skipLine(tokens) && kwLevel > 0) {
                    return true;
                }
                continue;
            }
            if (needBob) {
                needBob = false;
                if (str.equals(BOB) && kwLevel > 0) {
                    continue;
                }
                state.report(ConfigError.MISSING_BOB, "Missing '{' at beginning of configuration block");
            } else if (str.equals(BOB)) {
                state.report(ConfigError.UNEXPECTED_BOB, "Unexpected '{' - ignoring");
                continue;
            }
            if (str.equals(EOB) && kwLevel > 0) {
                break;
            }
            Keyword keyword = level.lookup(str);
            if (keyword == null) {
                state.report(ConfigError.UNKNOWN_KEYWORD, "Unknown keyword '" + str + "'");
                continue;
            }
            dispatch(keyword, line, kwLevel);
        }
        return false;
    }

    /**
     * Runs a handler. A sub-keyword can meet a block whose owner was rejected (a named block
     * without its '{', whose skip keepalived cancels): keepalived then applies the keyword to
     * whatever block was defined before it; we ignore the keyword instead of guessing.
     */
    private void runHandler(KeywordHandler handler, LogicalLine line, int kwLevel) {
        try {
            handler.handle(state, line);
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            if (kwLevel == 0) {
                throw e;
            }
        }
    }

    /** Counts braces of a skipped line; true when the skipped block ended on a '}'. */
    private boolean skipLine(List<String> tokens) {
        String last = null;
        for (String tok : tokens) {
            last = tok;
            if (tok.equals(BOB)) {
                state.skipSublevel++;
            } else if (tok.equals(EOB) && --state.skipSublevel == 0) {
                break;
            }
        }
        return EOB.equals(last) && state.skipSublevel == 0;
    }

    private void dispatch(Keyword keyword, LogicalLine line, int kwLevel) {
        boolean active = kwLevel > 0 || keyword.activeIn().contains(state.pass());
        List<String> tokens = line.tokens();
        boolean endsWithBob = tokens.size() > 1 && tokens.get(tokens.size() - 1).equals(BOB);
        if (!active) {
            // keepalived installs no sub-keywords for an inactive root keyword: its block is skipped
            // at this level, and without a '{' the following lines are read here as keywords.
            state.skipSublevel = endsWithBob ? 1 : -1;
            return;
        }
        boolean bobNeeded = false;
        LogicalLine effective = line;
        if (keyword.sub() != null) {
            if (endsWithBob) {
                effective = new LogicalLine(line.location(), line.text(), tokens.subList(0, tokens.size() - 1));
            } else {
                bobNeeded = true;
            }
        }
        Draft savedTarget = state.target;
        try {
            if (keyword.shape() == ArgShape.REQUIRED) {
                state.arg(effective, 1);
            }
            if (keyword.handler() != null) {
                runHandler(keyword.handler(), effective, kwLevel);
            }
            if (keyword.sub() != null) {
                boolean skipped = process(keyword.sub(), bobNeeded, kwLevel + 1);
                if (!skipped && keyword.closeHandler() != null) {
                    runHandler(keyword.closeHandler(), state.current(), kwLevel + 1);
                }
            }
        } finally {
            state.target = savedTarget;
        }
    }
}
