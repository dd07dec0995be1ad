package org.jkeepalived.config.lex;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * {@link LogicalLine#location()} is the children's location (file always named).
 *
 * <p>No input makes it throw: unreadable files, binary data, unbalanced quotes, include loops and
 * huge generators all become diagnostics. Not thread-safe; one lexer per parse.
 */
public final class ConfigLexer implements AutoCloseable {
    /** keepalived's line buffer (MAXBUF): substitution may not make a line longer. */
    static final int LINE_BUFFER = PhysicalLineReader.MAXBUF;

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
    /** Active ~SEQ/~LST generators; the last one produces the next line. */
    private final List<Sequences.Generator> generators = new ArrayList<>();
    /**
     * keepalived's {@code seq_list_count}, kept apart from the list's size because keepalived
     * decrements it for every rejected ~LST although it never counted it (so it can wrap below
     * zero and stall generators; compared unsigned, as in C).
     */
    private int seqListCount;
    /** Generators wait while the count is not above this (a multi-line expansion runs first). */
    private int multilineSeqDepth;
    /** The rest of the multi-line definition being expanded ({@code next_ptr}). */
    private Definitions.Cursor multilineNext;
    private final Deque<MultilineEntry> multilineStack = new ArrayDeque<>();
    /** The multi-line definition whose continuation lines are being read, or null. */
    private Definitions.Definition definitionBeingRead;
    private int blockDepth;
    private Long randomSeed;
    /** Whether the physical line being expanded is itself an include line (see checkInclude). */
    private boolean physicalLineIsInclude;
    /** Lines are read as the parent reads them (see setParentView), not as the children do. */
    private boolean parentView;

    private record MultilineEntry(Definitions.Cursor cursor, int seqDepth) {
    }

    /**
     * Prepares to read {@code mainFile} (a path or glob pattern as given to {@code -f}; relative
     * to {@link LexerOptions#workingDirectory()}). Runs keepalived's start-up check of the file at
     * once; when it fails, {@link #mainFileFound()} is false and {@link #next()} returns null.
     */
    public ConfigLexer(Path mainFile, LexerOptions options, Diagnostics diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
        this.files = new IncludeStack(diagnostic -> {
            diagnostics.report(diagnostic);
            parentPass.add(diagnostic);
        }, diagnostics::report, options.workingDirectory(), options.allConfig() ? IncludeCheck.ALL : IncludeCheck.NONE);
        this.definitions = new Definitions(new BuiltinValues(), new MultilineHooks());
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
                SourceLocation location = files.childLocation();
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
        if (passes != ReportedBy.CHILDREN) {
            Diagnostic parent = files.parentDiagnostic(error, message);
            diagnostics.report(parent);
            parentPass.add(parent);
        }
        if (passes != ReportedBy.PARENT) {
            Diagnostic child = files.childDiagnostic(error, message);
            if (passes == ReportedBy.CHILDREN || !child.render().equals(files.parentDiagnostic(error, message).render())) {
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
        if (lineResidue != null) {
            String text = lineResidue;
            lineResidue = null;
            return text;
        }
        if (!generators.isEmpty() && Integer.compareUnsigned(seqListCount, multilineSeqDepth) > 0) {
            return nextGenerated();
        }
        if (multilineNext != null) {
            return nextMultilinePiece();
        }
        return nextFileLine();
    }

    private String nextGenerated() {
        Sequences.Generator gen = generators.get(generators.size() - 1);
        if (!gen.isList()) {
            definitions.set(gen.variable, gen.hex ? Long.toHexString(gen.next) : Long.toString(gen.next));
            long following = gen.next + gen.step;
            boolean overflow = ((gen.next ^ following) & (gen.step ^ following)) < 0;
            gen.next = following;
            if (overflow || (gen.step > 0 && gen.next > gen.last) || (gen.step < 0 && gen.next < gen.last)) {
                generators.remove(generators.size() - 1);
                seqListCount--;
            }
        } else {
            List<String> values = gen.valueSets.get(gen.nextSet);
            for (int i = 0; i < gen.listVariables.size(); i++) {
                definitions.set(gen.listVariables.get(i), values.get(i));
            }
            if (++gen.nextSet >= gen.valueSets.size()) {
                generators.remove(generators.size() - 1);
                seqListCount--;
            }
        }
        return gen.text;
    }

    private String nextMultilinePiece() {
        Definitions.Cursor cursor = multilineNext;
        String value = cursor.text();
        int end = value.indexOf(Definitions.LINE_END, cursor.pos());
        if (end < 0) {
            MultilineEntry saved = multilineStack.pollLast();
            if (saved != null) {
                multilineNext = saved.cursor();
                multilineSeqDepth = saved.seqDepth();
            } else {
                multilineNext = null;
                multilineSeqDepth = 0;
            }
            return value.substring(Math.min(cursor.pos(), value.length()));
        }
        multilineNext = new Definitions.Cursor(value, end + 1);
        return value.substring(cursor.pos(), end);
    }

    /** The next non-empty decommented line from the files, or null at the end of them. */
    private String nextFileLine() {
        while (true) {
            String piece = files.nextPiece();
            if (piece == null) {
                return null;
            }
            if (piece.isEmpty()) {
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
        if (parent.unterminatedQuoteText() != null) {
            String message = "Unterminated quote '" + parent.unterminatedQuoteText() + "'";
            report(ConfigError.GENERAL_ERROR, message, child.text().equals(parent.text()) ? ReportedBy.ALL : ReportedBy.PARENT);
        }
        if (!child.text().equals(parent.text())) {
            if (child.unterminatedQuoteText() != null) {
                report(ConfigError.GENERAL_ERROR, "Unterminated quote '" + child.unterminatedQuoteText() + "'", ReportedBy.CHILDREN);
            }
            // The parent tokenizes its own text (approximated here as the whole line).
            Tokenizer.split(parent.text(), message -> report(ConfigError.GENERAL_ERROR, message, ReportedBy.PARENT));
        }
        physicalLineIsInclude = includePatternStart(parent.text()) >= 0;
        return parentView ? parent.text() : child.text();
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
        int len = buf.length();
        boolean recheck;
        do {
            recheck = false;
            if (CText.at(buf, 0) == '@') {
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
                len -= start;
                buf = shiftLeft(buf, start, len);
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
                Definitions.Replacement result = definitions.replace(buf, LINE_BUFFER, multilineNext);
                if (result.error() != null && !result.lengthExceeded()) {
                    report(ConfigError.GENERAL_ERROR, result.error(), ReportedBy.ALL);
                }
                if (!result.replaced()) {
                    buf = result.text();
                    break;
                }
                multilineNext = result.multiline();
                buf = decomment(result.text());
                recheck = CText.at(buf, 0) == '@' || buf.indexOf('$') >= 0;
            }
        } while (recheck);
        return buf;
    }

    /**
     * keepalived strips an {@code @ID } prefix with {@code memmove(buf, start, len + 1)} using the
     * length the line had when it was read; after a substitution made the line longer, that moves
     * only part of it and the old tail shows through. Reproduced exactly.
     */
    private static String shiftLeft(String buf, int start, int len) {
        if (len < 0 || start + len + 1 > buf.length()) {
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
                seqListCount--;
            }
        } else {
            generators.add(gen);
            seqListCount++;
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
        if (!physicalLineIsInclude && !files.readingChildOwnFile()) {
            files.openTwice(pattern, type);
        } else {
            files.open(pattern, type);
        }
        return true;
    }

    /** {@code is_include}: where the pattern starts (before blanks), or -1 for other lines. */
    private static int includePatternStart(String buf) {
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
        int p = 0;
        char first = buf.charAt(0);
        if (first != '{' && first != '}') {
            p = CText.pbrk(buf, 0, "{}\"");
            while (p >= 0 && buf.charAt(p) == '"') {
                int close = buf.indexOf('"', p + 1);
                p = close < 0 ? -1 : CText.pbrk(buf, close + 1, "{}\"");
            }
        }
        if (p >= 0 && (buf.charAt(p) == '{' || buf.charAt(p) == '}')) {
            int skip = p == 0 ? CText.spn(buf, 1, CText.BLANKS) + 1 : 0;
            if (p + skip < buf.length()) {
                lineResidue = CText.stripTrailingBlanks(buf.substring(p + skip));
                buf = buf.substring(0, p + skip);
            }
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

    /** The values of the built-in definitions. */
    private final class BuiltinValues implements Definitions.Builtins {
        @Override
        public String pwd() {
            Path dir = files.currentDirectory();
            try {
                return dir.toRealPath().toString();
            } catch (IOException | SecurityException e) {
                return dir.toAbsolutePath().normalize().toString();
            }
        }

        @Override
        public String instance() {
            return options.configId();
        }

        @Override
        public long random() {
            return random.nextInt() & 0x7fffffffL;
        }
    }

    /** The multi-line bookkeeping substitution changes. */
    private final class MultilineHooks implements Definitions.MultilineHooks {
        @Override
        public void pushMultiline(Definitions.Cursor cursor) {
            multilineStack.addLast(new MultilineEntry(cursor, multilineSeqDepth));
        }

        @Override
        public void startMultiline() {
            multilineSeqDepth = seqListCount;
        }
    }
}
