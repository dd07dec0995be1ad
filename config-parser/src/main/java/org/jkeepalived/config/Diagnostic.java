package org.jkeepalived.config;

import org.jkeepalived.config.lex.SourceLocation;

/**
 * One configuration diagnostic, worded as keepalived words it.
 *
 * @param location where it was found, or {@code null} for messages keepalived prints without a
 *                 line prefix (post-parse validation such as {@code (VI_1) State MASTER must match
 *                 being address owner})
 * @param error    its severity class, which drives the {@code -t} exit code
 * @param message  the text after the location prefix
 * @param withFile whether keepalived prints the file name in the prefix ({@code (FILE: Line N)})
 *                 or only the line ({@code (Line N)}); keepalived's children parse a consolidated
 *                 copy and always name the file, its parent names it only when several files are
 *                 involved
 */
public record Diagnostic(SourceLocation location, ConfigError error, String message, boolean withFile) {

    /** The line exactly as keepalived prints it. */
    public String render() {
        if (location == null) {
            return message;
        }
        if (withFile) {
            return "(" + location.file() + ": Line " + location.line() + ") " + message;
        }
        return "(Line " + location.line() + ") " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
