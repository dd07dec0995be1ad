package org.jkeepalived.config.lex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.Diagnostic;

/**
 * The stack of open configuration files: keepalived 2.2.7's {@code include_stack} with its glob
 * handling ({@code open_glob_file}, {@code open_conf_file}, {@code get_next_file},
 * {@code check_glob_file}, {@code file_config_error}) and the two ways keepalived writes a
 * diagnostic's location (see {@link ReportedBy}).
 *
 * <p>Each entry is one include pattern: its glob matches are read one after another, each
 * relative to the directory of the file that included it (keepalived changes into each opened
 * file's directory). An entry also keeps two line counters: the parent's (lines ending in a newline
 * keepalived could see) and the children's (every piece keepalived read, since the consolidated
 * copy it writes for them has one line per piece).
 *
 * <p>Bounded: at most {@link #MAX_DEPTH} nested files and {@link #MAX_FILES} files per parse;
 * beyond that an include is refused with an error instead of recursing.
 *
 * <p>Not thread-safe: part of one {@link ConfigLexer}.
 */
final class IncludeStack {
    static final int MAX_DEPTH = 64;
    static final int MAX_FILES = 10_000;

    /** One include pattern being read. */
    private static final class Frame {
        final int includeType;
        final IncludeCheck savedIncludeCheck;
        final Path baseDirectory;
        List<String> paths = List.of();
        int nextPath;
        String pattern;
        String parentName;
        int parentLine;
        String childName;
        int childLine;
        /** The children still have to count the newline of a full-length copy line. */
        boolean childNewlinePending;
        Path directory;
        PhysicalLineReader reader;
        int matchesOpened;
        /** Read by keepalived's children themselves, not from the parent's copy (see openTwice). */
        final boolean childOwn;

        Frame(int includeType, IncludeCheck savedIncludeCheck, Path baseDirectory, boolean childOwn) {
            this.includeType = includeType;
            this.savedIncludeCheck = savedIncludeCheck;
            this.baseDirectory = baseDirectory;
            this.directory = baseDirectory;
            this.childOwn = childOwn;
        }
    }

    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Consumer<Diagnostic> diagnostics;
    private final Consumer<Diagnostic> childDiagnostics;
    private final Path workingDirectory;
    /** True while opening a frame only keepalived's children open (their messages, their form). */
    private boolean openingForChildren;
    private IncludeCheck includeCheck;
    private boolean configFileError;
    private int filesOpened;

    /**
     * @param diagnostics      receives the parent's include diagnostics
     * @param childDiagnostics receives the children's own include diagnostics (see {@link #openTwice})
     */
    IncludeStack(Consumer<Diagnostic> diagnostics, Consumer<Diagnostic> childDiagnostics, Path workingDirectory,
            IncludeCheck initial) {
        this.diagnostics = diagnostics;
        this.childDiagnostics = childDiagnostics;
        this.workingDirectory = workingDirectory;
        this.includeCheck = initial;
    }

    IncludeCheck includeCheck() {
        return includeCheck;
    }

    void setIncludeCheck(IncludeCheck check) {
        includeCheck = check;
    }

    boolean hadConfigFileError() {
        return configFileError;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    /** The directory keepalived would be in now (it changes into each opened file's directory). */
    Path currentDirectory() {
        return frames.isEmpty() ? workingDirectory : frames.peekFirst().directory;
    }

    /**
     * {@code check_conf_file}: what keepalived's main() checks before reading the {@code -f} file:
     * it must match, be a regular non-executable readable file; several matches are a warning.
     */
    boolean checkMainFile(String pattern) {
        Glob glob = globChecked(pattern, IncludeCheck.NONE.bits(), workingDirectory);
        if (glob == null) {
            return false;
        }
        boolean ok = true;
        int matches = 0;
        for (String path : glob.matches) {
            if (!checkGlobFile(path, workingDirectory)) {
                ok = false;
                continue;
            }
            Path resolved = resolve(workingDirectory, path);
            if (resolved == null || !Files.isReadable(resolved)) {
                report(ConfigError.FILE_NOT_FOUND, "Unable to read configuration file " + path);
                ok = false;
                break;
            }
            matches++;
        }
        if (ok && matches > 1) {
            report(ConfigError.MULTIPLE_FILES, "WARNING, multiple configuration file matches of " + pattern
                    + ", starting with " + glob.matches.get(0));
        } else if (ok && matches == 0) {
            report(ConfigError.FILE_NOT_FOUND, "Unable to find configuration file " + pattern);
            ok = false;
        }
        return ok;
    }

    /** True when the file being read is one keepalived's children read themselves. */
    boolean readingChildOwnFile() {
        Frame top = frames.peekFirst();
        return top != null && top.childOwn;
    }

    /**
     * An include that keepalived's parent processes and its children process again: a line that
     * only becomes an include after a conditional, a substitution, a generator or a brace split is
     * copied as it is into the consolidated configuration, so each child opens the files itself and
     * then also reads the parent's copy of them. The content is read twice, the children's own
     * reading first (so its duplicates are what the children complain about).
     */
    void openTwice(String pattern, int includeType) {
        Path base = currentDirectory();
        openingForChildren = true;
        try {
            open(pattern, includeType, base, true);
        } finally {
            openingForChildren = false;
        }
        open(pattern, includeType, base, false);
    }

    /** {@code open_glob_file}: pushes an include pattern and opens its first readable match. */
    boolean open(String pattern, int includeType) {
        return open(pattern, includeType, currentDirectory(), readingChildOwnFile());
    }

    private boolean open(String pattern, int includeType, Path base, boolean childOwn) {
        Frame frame = new Frame(includeType, includeCheck, base, childOwn);
        frames.addFirst(frame);
        Glob glob = globChecked(pattern, includeType, frame.baseDirectory);
        if (glob == null) {
            frames.removeFirst();
            return false;
        }
        frame.paths = glob.matches;
        if (!openNextMatch(frame)) {
            if (frame.paths.isEmpty()) {
                fileError(IncludeCheck.READ, pattern + " - no matching file");
            }
            frames.removeFirst();
            return false;
        }
        frame.pattern = pattern;
        return true;
    }

    /** {@code open_and_check_glob}: the expansion, or null when keepalived gives up on it. */
    private Glob globChecked(String pattern, int includeType, Path base) {
        Glob glob = Glob.expand(pattern, base);
        int strictness = includeCheck.bits() | includeType;
        if (glob.matches.isEmpty()) {
            if (glob.missingFiles > 0 || glob.missingDirectories > 0) {
                fileError(Glob.hasBrace(pattern) ? IncludeCheck.BRACE_MATCH : IncludeCheck.MATCH,
                        "Config files missing '" + pattern + "'.");
            } else if (glob.haveWildcards && (strictness & IncludeCheck.WILDCARD_MATCH) != 0) {
                fileError(IncludeCheck.WILDCARD_MATCH, "No config files matched '" + pattern + "'.");
            }
            return null;
        }
        if (glob.missingFiles > 0 || glob.missingDirectories > 0) {
            fileError(IncludeCheck.BRACE_MATCH, "Some config files missing: \"" + pattern + "\".");
            if ((strictness & IncludeCheck.BRACE_MATCH) != 0) {
                return null;
            }
        }
        return glob;
    }

    /** {@code check_glob_file}: directories and non-regular or executable files are skipped. */
    private boolean checkGlobFile(String path, Path base) {
        if (path.endsWith("/")) {
            fileError(IncludeCheck.READ, "Configuration file '" + path + "' is a directory - skipping");
            return false;
        }
        Path file = resolve(base, path);
        boolean regular = file != null && Files.isRegularFile(file);
        if (regular) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                regular = !permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                        && !permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                        && !permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                regular = true;
            }
        }
        if (!regular) {
            fileError(IncludeCheck.READ,
                    "Configuration file '" + path + "' is not a regular non-executable file - skipping");
        }
        return regular;
    }

    /** {@code open_conf_file}: opens the frame's next usable match. */
    private boolean openNextMatch(Frame frame) {
        while (frame.nextPath < frame.paths.size()) {
            String path = frame.paths.get(frame.nextPath++);
            if (!checkGlobFile(path, frame.baseDirectory)) {
                continue;
            }
            if (frames.size() > MAX_DEPTH || filesOpened >= MAX_FILES) {
                fileError(IncludeCheck.READ, "Configuration file '" + path + "' open problem ("
                        + (frames.size() > MAX_DEPTH ? "includes nested more than " + MAX_DEPTH + " deep"
                        : "more than " + MAX_FILES + " files opened") + ") - skipping");
                continue;
            }
            Path file = resolve(frame.baseDirectory, path);
            try {
                if (file == null) {
                    throw new java.nio.file.NoSuchFileException(path);
                }
                frame.reader = PhysicalLineReader.open(file);
            } catch (IOException | SecurityException e) {
                fileError(IncludeCheck.READ, "Configuration file '" + path + "' open problem ("
                        + describe(e) + ") - skipping");
                continue;
            }
            filesOpened++;
            frame.matchesOpened++;
            // keepalived names the file in the parent only when more than one file is involved.
            if (frame != frames.peekLast() || frame.paths.size() > 1) {
                frame.parentName = path;
            }
            frame.parentLine = 0;
            frame.childName = path;
            frame.childLine = 0;
            Path parent = file.getParent();
            frame.directory = path.indexOf('/') >= 0 && parent != null ? parent : frame.baseDirectory;
            return true;
        }
        return false;
    }

    /** {@code base.resolve(path)}, or null for a name the file system cannot represent. */
    private static Path resolve(Path base, String path) {
        try {
            return base.resolve(path);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The next physical piece of text (see {@link PhysicalLineReader}), moving on to the next glob
     * match or back to the including file at the end of a file; null when every file is done.
     */
    String nextPiece() {
        while (!frames.isEmpty()) {
            Frame top = frames.peekFirst();
            PhysicalLineReader.Piece piece = top.reader.next();
            if (piece == null) {
                nextFile(top);
                continue;
            }
            if (piece.countsAsLine()) {
                top.parentLine++;
            }
            if (top.childOwn) {
                // A file the children read themselves is counted as the parent counts it.
                top.childLine = top.parentLine;
            } else if (top.childNewlinePending) {
                top.childLine++;
                top.childNewlinePending = false;
            }
            return piece.text();
        }
        return null;
    }

    /** {@code get_next_file}: closes the top file; opens the next match or pops the pattern. */
    private void nextFile(Frame top) {
        top.reader.close();
        includeCheck = top.savedIncludeCheck;
        if (openNextMatch(top)) {
            return;
        }
        frames.removeFirst();
    }

    /**
     * Counts the line keepalived's parent writes into the consolidated copy for the piece just
     * read: its decommented text (empty for an include line or a blank piece) and a newline. The
     * children read the copy with the same 1024-byte fgets, so a copy line of 1023 bytes or more
     * is not counted while it is processed; its newline arrives as an empty line of its own.
     *
     * @param textBytes the UTF-8 length of the decommented text
     */
    void copyLineWritten(int textBytes) {
        Frame top = frames.peekFirst();
        if (top == null || top.childOwn) {
            return;
        }
        if (textBytes >= PhysicalLineReader.MAXBUF - 1) {
            top.childNewlinePending = true;
        } else {
            top.childLine++;
        }
    }

    /** Closes every open file (the lexer was abandoned before the end). */
    void closeAll() {
        for (Frame frame : frames) {
            if (frame.reader != null) {
                frame.reader.close();
            }
        }
        frames.clear();
    }

    /**
     * {@code file_config_error}: an include problem, an error only when its kind is in
     * {@code include_check} or the include keyword's letters.
     */
    private void fileError(int kind, String message) {
        int strictness = includeCheck.bits() | (frames.isEmpty() ? 0 : frames.peekFirst().includeType);
        boolean error = (strictness & kind) != 0;
        if (openingForChildren) {
            childDiagnostics.accept(childDiagnostic(error ? ConfigError.FILE_NOT_FOUND : ConfigError.OK, message));
            return;
        }
        report(error ? ConfigError.FILE_NOT_FOUND : ConfigError.OK, message);
        if (error) {
            configFileError = true;
        }
    }

    /** Reports as the parent does (include problems are never repeated by the children). */
    private void report(ConfigError error, String message) {
        diagnostics.accept(parentDiagnostic(error, message));
    }

    /** A diagnostic located as keepalived's parent locates it now ({@code vreport_config_error}). */
    Diagnostic parentDiagnostic(ConfigError error, String message) {
        Iterator<Frame> it = frames.iterator();
        Frame file = it.hasNext() ? it.next() : null;
        if (file != null && file.parentName == null && it.hasNext()) {
            file = it.next();
        }
        if (file != null && file.parentName != null) {
            return new Diagnostic(new SourceLocation(file.parentName, file.parentLine), error, message, true);
        }
        if (file != null && file.parentLine != 0) {
            return new Diagnostic(new SourceLocation(file.childName, file.parentLine), error, message, false);
        }
        return new Diagnostic(null, error, message, false);
    }

    /** A diagnostic located as keepalived's children (reading the consolidated copy) locate it. */
    Diagnostic childDiagnostic(ConfigError error, String message) {
        SourceLocation location = childLocation();
        return new Diagnostic(location, error, message, location != null);
    }

    /** The file being read, with the parent's line count (the PARENT pass's line locations). */
    SourceLocation parentLineLocation() {
        for (Frame frame : frames) {
            if (frame.childName != null) {
                return new SourceLocation(frame.childName, frame.parentLine);
            }
        }
        return null;
    }

    /** Where the children place the line being read: the file always named, every piece counted. */
    SourceLocation childLocation() {
        for (Frame frame : frames) {
            if (frame.childName != null) {
                return new SourceLocation(frame.childName, frame.childLine);
            }
        }
        return null;
    }
}
