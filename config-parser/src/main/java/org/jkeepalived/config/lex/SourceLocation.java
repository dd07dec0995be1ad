package org.jkeepalived.config.lex;

/**
 * Where a logical line came from: the file name as keepalived prints it in diagnostics (the path
 * as given on the command line or as the include glob produced it) and the 1-based physical line
 * number of the line that started it.
 */
public record SourceLocation(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
