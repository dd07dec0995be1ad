package org.jkeepalived.config.lex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.Diagnostic;
import org.jkeepalived.config.Diagnostics;

/**
 * keepalived 2.2.7's configuration line reader ({@code read_line} in {@code lib/parser.c}): turns
 * the {@code -f} file and everything it includes into {@link LogicalLine}s, one at a time.
 *
 * <p>Each physical line goes through, in this order: reading in 1024-byte pieces, comment removal,
 * {@code @ID}/{@code @^ID} conditionals, {@code $NAME=VALUE} definitions (also multi-line),
 * {@code ~SEQ}/{@code ~LST} generators, {@code $NAME}/{@code ${NAME}} substitution (then comment
 * removal again), {@code include*} lines, and splitting at braces outside double quotes (a brace is
 * its own logical line; the rest of the line is read again from the conditional step on). Lines
 * without tokens are not returned.
 *
 * <p>The lines are those keepalived's children (the checker and VRRP passes) see. They differ
 * from the parent's in one respect: an include that is not literally an include line (it appears
 * after {@code @ID}, a substitution, a generator or a brace) is read twice, because keepalived
 * copies such a line unchanged into the consolidated configuration and the children then process
 * it again besides reading the parent's copy of the included files.
 *
 * <p>The reader is lazy because keepalived is single-pass: the parser calls
 * {@link #setIncludeCheck} when it meets {@code global_defs { include_check … }} and that changes
 * how later includes are checked.
 *
 * <p>Diagnostics. The lexer reports to the {@link Diagnostics} it is given, worded and located as
 * keepalived does: include problems as keepalived's parent does ({@link ReportedBy#PARENT}); the
 * line reader's own problems ({@code Unterminated quote}, {@code Unmatched quote}, ~SEQ/~LST errors,
 * {@code Extra '}' found}) as every pass does ({@link ReportedBy#ALL}: the parent's form and the
 * children's form, once each when they differ); and at the end of input
 * {@code There are N missing '}'s or extra '{'s}. The parser therefore must not count braces
 * itself. For its own messages the parser calls {@link #report} with the passes that would print
 * them; the location is that of the line last returned by {@link #next()}.
 * {@link LogicalLine#location()} is the children's location (file always named), or in the
 * {@link LexerOptions.Pass#PARENT} pass the file with the parent's line count.
 *
 * <p>No input makes it throw: unreadable files, binary data, unbalanced quotes, include loops and
 * huge generators all become diagnostics. Not thread-safe; one lexer per parse.
 */
public final class ConfigLexer implements AutoCloseable {
    /** keepalived's line buffer (MAXBUF): substitution may not make a line longer. */
    static final int LINE_BUFFER = PhysicalLineReader.MAXBUF;
    /**
     * The most lines one physical line may produce. keepalived has no limit: a definition that
     * refers to itself through a multi-line value or a brace makes it loop on that line for ever.
     */
    static final int MAX_LINES_FROM_ONE_LINE = 1_000_000;
    /** The most lines ~SEQ, ~LST, multi-line values and brace residue may produce in one parse. */
    static final long MAX_GENERATED_LINES = 10_000_000;

    private final LexerOptions options;
    private final Diagnostics diagnostics;
    private final IncludeStack files;
    private final Definitions definitions;
    private final Random random = new Random();
    private final boolean mainFileFound;
    private final List<Diagnostic> parentPass = new ArrayList<>();
    private boolean finished;

    /** Text after a brace, read again before anything else ({@code line_residue}). */
    private String lineResidue;
    /** Generator values and multi-line definition lines queued before the files. */
    private final PendingLines pending = new PendingLines();
    /** The multi-line definition whose continuation lines are being read, or null. */
    private Definitions.Definition definitionBeingRead;
    private int blockDepth;
    private Long randomSeed;
    /** Whether the physical line being expanded is itself an include line (see checkInclude). */
    private boolean physicalLineIsInclude;
    /** Lines produced (residue, generators, multi-line values) since the last file line. */
    private int linesGeneratedSinceFileLine;
    /** Lines produced that way in the whole parse. */
    private long linesGenerated;
    /** A runaway expansion stopped the reading (see abandonReading). */
    private boolean readingAbandoned;
    /** Lines are read as the parent reads them (see setParentView), not as the children do. */
    private boolean parentView;

    /**
     * Prepares to read {@code mainFile} (a path or glob pattern as given to {@code -f}; relative
     * to {@link LexerOptions#workingDirectory()}). Runs keepalived's start-up check of the file at
     * once; when it fails, {@link #mainFileFound()} is false and {@link #next()} returns null.
     */
    public ConfigLexer(Path mainFile, LexerOptions options, Diagnostics diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
        // The children do not repeat the parent's include messages; the parent does not see the
        // includes only the children open.
        this.files = new IncludeStack(diagnostic -> {
            if (options.pass() != LexerOptions.Pass.CHILDREN) {
                diagnostics.report(diagnostic);
                parentPass.add(diagnostic);
            }
        }, diagnostic -> {
            if (options.pass() != LexerOptions.Pass.PARENT) {
                diagnostics.report(diagnostic);
            }
        }, options.workingDirectory(), options.allConfig() ? IncludeCheck.ALL : IncludeCheck.NONE);
        this.definitions = new Definitions(new BuiltinValues(files, options.configId(), random), pending);
        this.mainFileFound = openMainFile(mainFile.toString());
        this.finished = !mainFileFound;
    }

    /** keepalived's start-up check of the {@code -f} pattern, then opening it. */
    private boolean openMainFile(String pattern) {
        boolean found;
        try {
            found = files.checkMainFile(pattern);
            if (found && !files.open(pattern, IncludeCheck.READ | IncludeCheck.MATCH | IncludeCheck.WILDCARD_MATCH)) {
                Diagnostic failed = files.parentDiagnostic(
                        files.includeCheck().has(IncludeCheck.READ) ? ConfigError.FILE_NOT_FOUND : ConfigError.OK,
                        "Failed to open configuration file");
                diagnostics.report(failed);
                parentPass.add(failed);
            }
        } catch (RuntimeException e) {
            report(ConfigError.FILE_NOT_FOUND, "Internal error opening configuration file (" + e + ")", ReportedBy.PARENT);
            files.closeAll();
            found = false;
        }
        return found;
    }

    /** False when keepalived's start-up check of the {@code -f} file failed (then nothing is read). */
    public boolean mainFileFound() {
        return mainFileFound;
    }

    /**
     * True when an include problem was an error under the include checks in force: keepalived
     * then stops after reading the configuration (in {@code -t} mode before the checker, VRRP and
     * BFD passes) with exit code 6.
     */
    public boolean hadConfigFileError() {
        return files.hadConfigFileError();
    }

    /** The {@code include_check} in force (changed by {@code -e} and by {@link #setIncludeCheck}). */
    public IncludeCheck includeCheck() {
        return files.includeCheck();
    }

    /**
     * {@code global_defs { include_check … }}: applies to includes read from now on; keepalived
     * restores the previous value when the file that set it ends.
     */
    public void setIncludeCheck(IncludeCheck check) {
        files.setIncludeCheck(check == null ? IncludeCheck.NONE : check);
    }

    /**
     * {@code random_seed N}: seeds {@code ${_RANDOM}} for the lines read from now on. (keepalived
     * 2.2.7 seeds its generator before reading and resets the configured seed at each read, so
     * there the keyword has no visible effect; time-seeded values cannot be compared anyway, and
     * a seeded sequence is what the keyword promises.)
     */
    public void setRandomSeed(long seed) {
        randomSeed = seed;
        random.setSeed(seed);
    }

    /**
     * Which of keepalived's views of the text later lines are read in. keepalived's children read
     * the parent's decommented copy and decomment it again, so a {@code \#} or {@code \!} escape
     * that the parent turned into {@code #}/{@code !} starts a comment for them. The default is the
     * children's view (VRRP, checker and BFD keywords and the root level are theirs); the parser
     * switches to the parent's view for {@code global_defs}, which only the parent parses, and back
     * after it. Takes effect from the next physical line.
     */
    public void setParentView(boolean parentView) {
        this.parentView = parentView;
    }

    /** The seed last given to {@link #setRandomSeed}, or null. */
    public Long randomSeed() {
        return randomSeed;
    }

    /** The {@code {}/{@code }} depth counted so far (keepalived's {@code block_depth}). */
    public int blockDepth() {
        return blockDepth;
    }

    /**
     * The next logical line, or null at the end of the input (after which it keeps returning
     * null). Never throws.
     */
    public LogicalLine next() {
        while (!finished) {
            String text;
            try {
                text = readLine();
            } catch (RuntimeException e) {
                // A defect here must not take the whole parse down: report it and stop reading.
                report(ConfigError.GENERAL_ERROR, "Internal error reading configuration (" + e + ") - stopping",
                        ReportedBy.PARENT);
                text = null;
            }
            if (text == null) {
                finish();
                return null;
            }
            List<String> tokens = Tokenizer.split(text, message -> report(ConfigError.GENERAL_ERROR, message, ReportedBy.ALL));
            if (!tokens.isEmpty()) {
                SourceLocation location = options.pass() == LexerOptions.Pass.PARENT
                        ? files.parentLineLocation() : files.childLocation();
                return new LogicalLine(location, text, tokens);
            }
        }
        return null;
    }

    private void finish() {
        finished = true;
        files.closeAll();
        if (blockDepth > 0) {
            Diagnostic missing = new Diagnostic(null, ConfigError.MISSING_EOB,
                    "There are " + blockDepth + " missing '}'s or extra '{'s", false);
            diagnostics.report(missing);
            parentPass.add(missing);
        }
    }

    @Override
    public void close() {
        finished = true;
        files.closeAll();
    }

    /**
     * Reports a diagnostic at the line last returned by {@link #next()}, located as the given
     * passes locate it; for {@link ReportedBy#ALL} both forms are reported when they differ.
     */
    public void report(ConfigError error, String message, ReportedBy passes) {
        LexerOptions.Pass pass = options.pass();
        if (passes != ReportedBy.CHILDREN && pass != LexerOptions.Pass.CHILDREN) {
            Diagnostic parent = files.parentDiagnostic(error, message);
            diagnostics.report(parent);
            parentPass.add(parent);
        }
        if (passes != ReportedBy.PARENT && pass != LexerOptions.Pass.PARENT) {
            Diagnostic child = files.childDiagnostic(error, message);
            if (passes == ReportedBy.CHILDREN || pass == LexerOptions.Pass.CHILDREN
                    || !child.render().equals(files.parentDiagnostic(error, message).render())) {
                diagnostics.report(child);
            }
        }
    }


    /**
     * What keepalived's parent pass alone printed: include problems, the line reader's messages in
     * the parent's form, and whatever was {@link #report reported} for {@link ReportedBy#PARENT} or
     * {@link ReportedBy#ALL}. When {@link #hadConfigFileError()} is true, keepalived {@code -t}
     * stops after the parent pass, so these are all it prints.
     */
    public List<Diagnostic> parentPassDiagnostics() {
        return List.copyOf(parentPass);
    }

    /** Where keepalived's parent places the line last returned (see {@link ReportedBy}). */
    public Diagnostic parentDiagnostic(ConfigError error, String message) {
        return files.parentDiagnostic(error, message);
    }

    /** Where keepalived's children place the line last returned (see {@link ReportedBy}). */
    public Diagnostic childDiagnostic(ConfigError error, String message) {
        return files.childDiagnostic(error, message);
    }

    // ---------------------------------------------------------------- read_line

    /** One logical line's text, or null at the end of input. */
    private String readLine() {
        String buf;
        do {
            buf = fetch();
            if (buf == null) {
                return null;
            }
            buf = expand(buf);
        } while (buf.isEmpty() || checkInclude(buf));
        return splitAtBrace(buf);
    }

    /** The next raw text: brace residue, then a generator value, then a multi-line value, then the files. */
    private String fetch() {
        if (readingAbandoned) {
            return null;
        }
        if (lineResidue != null || pending.any()) {
            linesGenerated++;
            if (++linesGeneratedSinceFileLine > MAX_LINES_FROM_ONE_LINE || linesGenerated > MAX_GENERATED_LINES) {
                abandonReading();
                return null;
            }
        }
        if (lineResidue != null) {
            String text = lineResidue;
            lineResidue = null;
            return text;
        }
        if (pending.generatorDue()) {
            return pending.nextGenerated(definitions);
        }
        if (pending.multilinePending()) {
            return pending.nextMultilinePiece();
        }
        return nextFileLine();
    }

    /**
     * An expansion has produced more lines than any real configuration does. Almost always a
     * definition refers to itself (through a multi-line value, or a {@code ${NAME}} whose brace
     * splits the line and re-queues the reference): keepalived 2.2.7 then repeats the same lines
     * on that physical line for ever and never reads anything after it. The nearest bounded
     * equivalent is to stop reading here, saying where. keepalived prints no such message, so it
     * carries the children's location (file and line) in every pass.
     */
    private void abandonReading() {
        boolean oneLine = linesGeneratedSinceFileLine > MAX_LINES_FROM_ONE_LINE;
        String message = (oneLine ? "Line produces more than " + MAX_LINES_FROM_ONE_LINE
                : "Configuration produces more than " + MAX_GENERATED_LINES)
                + " lines through ~SEQ, ~LST, braces or multi-line definitions"
                + (oneLine ? " (a definition probably refers to itself; keepalived loops here for ever)" : "")
                + " - ignoring the rest of the configuration";
        Diagnostic stopped = files.childDiagnostic(ConfigError.GENERAL_ERROR, message);
        diagnostics.report(stopped);
        if (options.pass() != LexerOptions.Pass.CHILDREN) {
            parentPass.add(stopped);
        }
        lineResidue = null;
        pending.clear();
        definitionBeingRead = null;
        readingAbandoned = true;
    }

    private static int utf8Length(String text) {
        if (text.length() * 3 < PhysicalLineReader.MAXBUF - 1) {
            return text.length();
        }
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** The next non-empty decommented line from the files, or null at the end of them. */
    private String nextFileLine() {
        while (true) {
            String piece = files.nextPiece();
            if (piece == null) {
                return null;
            }
            linesGeneratedSinceFileLine = 0;
            if (piece.isEmpty()) {
                files.copyLineWritten(0);
                if (definitionBeingRead != null) {
                    endDefinition();
                }
                continue;
            }
            String text = decommentPhysical(piece);
            if (!text.isEmpty()) {
                return text;
            }
        }
    }

    /**
     * Comment removal of a line read from a file, for both of keepalived's views: the parent
     * decomments the file's line, the children decomment the parent's result once more (they read
     * the consolidated copy). The two differ only when {@code \#} or {@code \!} escapes were
     * removed the first time. Each view's {@code Unterminated quote} is reported in its own form.
     */
    private String decommentPhysical(String piece) {
        Decommenter.Result parent = Decommenter.decomment(piece);
        Decommenter.Result child = Decommenter.decomment(parent.text());
        physicalLineIsInclude = includePatternStart(parent.text()) >= 0;
        files.copyLineWritten(physicalLineIsInclude ? 0 : utf8Length(parent.text()));
        boolean viewsDiffer = !child.text().equals(parent.text());
        if (parent.unterminatedQuoteText() != null) {
            report(ConfigError.GENERAL_ERROR, "Unterminated quote '" + parent.unterminatedQuoteText() + "'",
                    viewsDiffer ? ReportedBy.PARENT : ReportedBy.ALL);
        }
        if (viewsDiffer && child.unterminatedQuoteText() != null) {
            report(ConfigError.GENERAL_ERROR, "Unterminated quote '" + child.unterminatedQuoteText() + "'", ReportedBy.CHILDREN);
        }
        if (viewsDiffer && options.pass() == LexerOptions.Pass.COMBINED) {
            tokenizeAsParent(parent.text());
        }
        if (definitionBeingRead != null && options.pass() != LexerOptions.Pass.PARENT
                && (parent.text().isEmpty() || physicalLineIsInclude)) {
            // The children read an empty copy line here, which ends a multi-line definition.
            endDefinition();
            return "";
        }
        return readsParentText() ? parent.text() : child.text();
    }

    /**
     * The parent's tokenizer messages for a line only the parent reads as it is (COMBINED pass):
     * it splits its text at braces and tokenizes each piece, so for {@code \#{{{"} it says
     * {@code Unmatched quote: '"'}. Each rest of the line goes through conditionals, definitions,
     * generators, substitution and includes before it is split again; from a rest those would
     * change ({@code \#{{{$A={"} defines A) nothing more is reported (the PARENT pass is exact).
     */
    private void tokenizeAsParent(String text) {
        for (String piece : Braces.piecesBeforeExpansion(text, rest -> includePatternStart(rest) >= 0)) {
            Tokenizer.split(piece, message -> report(ConfigError.GENERAL_ERROR, message, ReportedBy.PARENT));
        }
    }

    private boolean readsParentText() {
        return options.pass() == LexerOptions.Pass.PARENT || (options.pass() == LexerOptions.Pass.COMBINED && parentView);
    }

    private String decomment(String line) {
        Decommenter.Result result = Decommenter.decomment(line);
        if (result.unterminatedQuoteText() != null) {
            report(ConfigError.GENERAL_ERROR, "Unterminated quote '" + result.unterminatedQuoteText() + "'", ReportedBy.ALL);
        }
        return result.text();
    }

    private void endDefinition() {
        if (definitionBeingRead.value.isEmpty()) {
            definitionBeingRead.multiline = false;
        }
        definitionBeingRead = null;
    }

    /**
     * Steps 3–6 on one line: continuation of a multi-line definition, conditionals, definitions,
     * generators and substitution. Returns the line to go on with, or "" when it was consumed.
     */
    private String expand(String line) {
        String buf = line;
        if (definitionBeingRead != null) {
            continueDefinition(buf);
            return "";
        }
        // keepalived measures the line once; its @ID handling keeps using that length.
        int[] len = {buf.length()};
        boolean recheck;
        do {
            recheck = false;
            if (CText.at(buf, 0) == '@') {
                buf = applyConditional(buf, len);
                if (buf.isEmpty()) {
                    return "";
                }
            }
            if (CText.at(buf, 0) == '$') {
                Definitions.Definition def = definitions.checkDefinition(buf);
                if (def != null) {
                    if (def.multiline) {
                        definitionBeingRead = def;
                    }
                    return "";
                }
            }
            if (buf.startsWith("~SEQ") || buf.startsWith("~LST")) {
                addGenerator(buf);
                return "";
            }
            if (CText.at(buf, 0) == '~') {
                break;
            }
            if (buf.indexOf('$') >= 0) {
                Definitions.Replacement result = definitions.replace(buf, LINE_BUFFER, pending.multilineNext());
                if (result.error() != null && !result.lengthExceeded()) {
                    report(ConfigError.GENERAL_ERROR, result.error(), ReportedBy.ALL);
                }
                if (!result.replaced()) {
                    buf = result.text();
                    break;
                }
                pending.setMultilineNext(result.multiline());
                buf = decomment(result.text());
                recheck = CText.at(buf, 0) == '@' || buf.indexOf('$') >= 0;
            }
        } while (recheck);
        return buf;
    }

    /**
     * An {@code @ID rest} / {@code @^ID rest} line: "" when it is not for this config id (or has
     * nothing after the id), else the rest.
     *
     * @param len keepalived's running length of the line, updated
     */
    private String applyConditional(String buf, int[] len) {
        boolean reverse = CText.at(buf, 1) == '^';
        int idStart = reverse ? 2 : 1;
        int blank = CText.pbrk(buf, idStart, CText.BLANKS);
        if (blank < 0) {
            return "";
        }
        boolean matches = buf.substring(idStart, blank).equals(options.configId());
        if (matches == reverse) {
            return "";
        }
        int start = blank + CText.spn(buf, blank, CText.BLANKS);
        len[0] -= start;
        return shiftLeft(buf, start, len[0]);
    }


    /**
     * keepalived strips an {@code @ID } prefix with {@code memmove(buf, start, len + 1)} using the
     * length the line had when it was read; after a substitution made the line longer, that moves
     * only part of it and the old tail shows through. Reproduced exactly.
     */
    private static String shiftLeft(String buf, int start, int len) {
        if (len == -1) {
            // len + 1 wraps to 0 in keepalived's size_t: nothing moves, the prefix stays.
            return buf;
        }
        if (len < 0 || start + len + 1 > buf.length()) {
            // (keepalived would move a wrapped, enormous length here and crash)
            return buf.substring(Math.min(start, buf.length()));
        }
        return buf.substring(start, start + len + 1) + buf.substring(len + 1);
    }

    private void continueDefinition(String line) {
        Definitions.Definition def = definitionBeingRead;
        String text = line;
        boolean more = text.endsWith("\\");
        if (more) {
            text = CText.stripTrailingBlanks(text.substring(0, text.length() - 1)) + Definitions.LINE_END;
        } else {
            endDefinition();
        }
        if (text.length() >= 2 || (!text.isEmpty() && !more)) {
            definitions.append(def, text);
        }
    }

    private void addGenerator(String buf) {
        boolean seq = buf.charAt(1) == 'S';
        Sequences.Generator gen = seq
                ? Sequences.parseSeq(buf, definitions, message -> report(ConfigError.GENERAL_ERROR, message, ReportedBy.ALL))
                : Sequences.parseList(buf, message -> report(ConfigError.GENERAL_ERROR, message, ReportedBy.ALL));
        if (gen == null) {
            report(ConfigError.GENERAL_ERROR,
                    "Invalid " + (seq ? "~SEQ" : "~LST") + " specification '" + buf + "'", ReportedBy.ALL);
            if (!seq) {
                pending.listRejected();
            }
        } else {
            pending.addGenerator(gen);
        }
    }

    /**
     * {@code check_include}: true (and the files opened) when the line is an include line. An
     * include line that is not literally in the file (it came from a conditional, a substitution,
     * a generator or after a brace) is read twice, as keepalived's children read it twice.
     */
    private boolean checkInclude(String buf) {
        int patternStart = includePatternStart(buf);
        if (patternStart < 0) {
            return false;
        }
        char letter = buf.charAt(7);
        int type = CText.isSpace(letter) ? 0 : IncludeCheck.bitsOfKeyword(letter);
        int start = Math.min(patternStart + CText.spn(buf, patternStart, CText.BLANKS), buf.length());
        String pattern = buf.substring(start);
        if (!physicalLineIsInclude && !files.readingChildOwnFile() && options.pass() != LexerOptions.Pass.PARENT) {
            files.openTwice(pattern, type);
        } else {
            files.open(pattern, type);
        }
        return true;
    }

    /** {@code is_include}: where the pattern starts (before blanks), or -1 for other lines. */
    static int includePatternStart(String buf) {
        if (!buf.startsWith("include") || buf.length() <= 7) {
            return -1;
        }
        char letter = buf.charAt(7);
        if (CText.isSpace(letter)) {
            return 8;
        }
        if (CText.isSpace(CText.at(buf, 8)) && "rmwba".indexOf(letter) >= 0) {
            return 9;
        }
        return -1;
    }

    /**
     * Step 8: splits at the first brace outside double quotes. Returns the text before it (or the
     * brace alone) and keeps the rest for the next read; counts brace lines.
     */
    private String splitAtBrace(String line) {
        String buf = line;
        int cut = Braces.cut(buf);
        if (cut < buf.length()) {
            lineResidue = CText.stripTrailingBlanks(buf.substring(cut));
            buf = buf.substring(0, cut);
        }
        buf = CText.stripTrailingBlanks(buf);
        if (buf.equals("{")) {
            blockDepth++;
        } else if (buf.equals("}")) {
            if (blockDepth-- < 1) {
                report(ConfigError.UNEXPECTED_EOB, "Extra '}' found", ReportedBy.ALL);
                blockDepth = 0;
            }
        }
        return buf;
    }
}
