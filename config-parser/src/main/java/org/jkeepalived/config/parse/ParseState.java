package org.jkeepalived.config.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.Diagnostics;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.lex.LogicalLine;

/**
 * Everything one pass's keyword handlers read and write: the current line, diagnostics with
 * keepalived's prefixes, the drafts being filled and the block-skip state. Not thread-safe; one per
 * pass.
 */
public final class ParseState {
    private final Pass pass;
    private final Diagnostics diagnostics;
    private final ParseOptions options;
    private final Drafts drafts;
    private LineCursor cursor;
    private Placement parentPlacement;
    private LexerHooks.Control lexerControl = new LexerHooks.Control() {
        @Override
        public void includeCheck(List<String> words) {
            // only the parent pass reads the files
        }

        @Override
        public void randomSeed(long seed) {
            // only the parent pass reads the files
        }
    };
    private LogicalLine current;
    private int crashPosition = -1;
    /** keepalived's skip_sublevel: -1 = skip the block that should start next, &gt;0 = skipping. */
    int skipSublevel;
    /** The innermost open block's draft, where generic handlers record their keyword. */
    Draft target;

    ParseState(Pass pass, Diagnostics diagnostics, ParseOptions options, Drafts drafts) {
        this.pass = pass;
        this.diagnostics = diagnostics;
        this.options = options;
        this.drafts = drafts;
    }

    void attach(LineCursor lineCursor) {
        this.cursor = lineCursor;
    }

    void lexerControl(LexerHooks.Control control) {
        this.lexerControl = control;
    }

    LexerHooks.Control lexerControl() {
        return lexerControl;
    }

    LineCursor cursor() {
        return cursor;
    }

    void setCurrent(LogicalLine line) {
        this.current = line;
    }

    /** The line being processed (for a close handler: the closing brace). */
    public LogicalLine current() {
        return current;
    }

    public Pass pass() {
        return pass;
    }

    public ParseOptions options() {
        return options;
    }

    Drafts drafts() {
        return drafts;
    }

    /** Reports a problem at the current line, prefixed as keepalived prefixes it in this pass. */
    public void report(ConfigError error, String message) {
        diagnostics.report(placed(current, error, message));
    }

    /**
     * A diagnostic at {@code line} as this pass prints it: children name the file; the parent
     * (which reads the lexer as it goes, so the line is the lexer's last) as the lexer places it.
     */
    private Diagnostic placed(LogicalLine line, ConfigError error, String message) {
        if (line == null) {
            return new Diagnostic(null, error, message, false);
        }
        if (pass == Pass.PARENT && parentPlacement != null) {
            return parentPlacement.place(error, message);
        }
        return new Diagnostic(line.location(), error, message, line.location() != null);
    }

    /** How the parent pass places a message at the lexer's current line. */
    interface Placement {
        Diagnostic place(ConfigError error, String message);
    }

    void parentPlacement(Placement placement) {
        this.parentPlacement = placement;
    }

    /** Reports a message keepalived prints without a line prefix (validation, end of file). */
    public void reportUnlocated(ConfigError error, String message) {
        diagnostics.report(new Diagnostic(null, error, message, false));
    }

    /**
     * keepalived 2.2.7 itself crashes at this point (segmentation fault, exit 139): nothing after it
     * is reported; the pass goes on silently so that the model stays complete.
     */
    void crash() {
        if (!diagnostics.crashed()) {
            crashPosition = cursor.position();
            diagnostics.crashHere();
        }
    }

    /** The cursor position of {@link #crash()}, or -1. */
    int crashPosition() {
        return crashPosition;
    }

    /**
     * Word {@code index} of the line; when absent keepalived prints its missing-parameter message
     * and exits 2, so this aborts the parse.
     */
    public String arg(LogicalLine line, int index) {
        List<String> t = line.tokens();
        if (index < t.size()) {
            return t.get(index);
        }
        String first = t.isEmpty() ? "***MISSING ***" : t.get(0);
        String message;
        if (index > 0 && index - 1 < t.size()) {
            message = "*** Configuration line starting `" + first + "` is missing a parameter after keyword `"
                    + t.get(index - 1) + "` at word position " + (index + 1);
        } else {
            message = "*** Configuration line starting `" + first + "` is missing a parameter at word position "
                    + (index + 1);
        }
        diagnostics.abortOnMissingParameter(placed(line, ConfigError.MISSING_PARAMETER, message));
        throw new ParseAbort();
    }

    /** Skips the rest of the block being opened (keepalived's skip_block). */
    public void skipBlock(boolean needBlockStart) {
        skipSublevel = needBlockStart ? -1 : 1;
    }

    /**
     * Reads a value block ({@code alloc_value_block}): the lines up to the closing brace, each
     * handed over as its words, with the current line set for diagnostics.
     */
    public void readValueBlock(LogicalLine keywordLine, Consumer<List<String>> perLine) {
        List<String> kw = keywordLine.tokens();
        boolean needBob = true;
        List<String> first = null;
        if (kw.size() > 1) {
            if (kw.get(1).equals("{")) {
                needBob = false;
                if (kw.size() > 2) {
                    first = new ArrayList<>(kw.subList(2, kw.size()));
                }
            } else {
                report(ConfigError.GENERAL_ERROR, "Block " + kw.get(0) + " has extra parameters " + kw.get(1) + " ...");
            }
        }
        if (first != null && valueLine(first, perLine)) {
            return;
        }
        LogicalLine line;
        while ((line = cursor.next()) != null) {
            List<String> vec = line.tokens();
            if (needBob) {
                needBob = false;
                if (vec.get(0).equals("{")) {
                    if (vec.size() == 1) {
                        continue;
                    }
                    vec = vec.subList(1, vec.size());
                }
            }
            if (valueLine(vec, perLine)) {
                return;
            }
        }
    }

    /** Handles one value line; true when it closed the block. */
    private static boolean valueLine(List<String> vec, Consumer<List<String>> perLine) {
        boolean hadEob = false;
        if (vec.get(vec.size() - 1).equals("}")) {
            if (vec.size() == 1) {
                return true;
            }
            hadEob = true;
            vec = vec.subList(0, vec.size() - 1);
        }
        if (!vec.isEmpty()) {
            perLine.accept(List.copyOf(vec));
        }
        return hadEob;
    }
}
