package org.jkeepalived.config.parse;

/**
 * Thrown inside a pass when keepalived would exit at once (a keyword missing its parameter);
 * caught by {@link ConfigPasses}, never escapes the parser.
 */
final class ParseAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseAbort() {
        super(null, null, false, false);
    }
}
