package org.jkeepalived.config.lex;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * glibc {@code glob(3)} with the flags keepalived passes ({@code GLOB_MARK | GLOB_BRACE |
 * GLOB_ALTDIRFUNC}), together with the counters keepalived's directory callbacks keep: how many
 * directories could not be opened, how many literal names did not exist, and whether any wildcard
 * made glob read a directory.
 *
 * <p>Semantics reproduced: {@code {a,b}} alternatives are globbed one after another (each one's
 * matches sorted on their own); {@code *}, {@code ?} and {@code [...]} do not match a leading
 * {@code .}; a backslash quotes the next character; matches keep the pattern's own spelling of the
 * directory part (relative patterns stay relative); directories get a trailing {@code /}; sorting is
 * by code point (keepalived runs in the C locale).
 *
 * <p>Stateless apart from one call's result; not thread-safe per instance.
 */
final class Glob {
    /** The most directory entries looked at in one expansion, so a huge tree cannot stall us. */
    private static final int MAX_ENTRIES = 100_000;
    /** The most brace alternatives expanded for one pattern. */
    private static final int MAX_ALTERNATIVES = 10_000;

    private final Path base;
    final List<String> matches = new ArrayList<>();
    int missingDirectories;
    int missingFiles;
    boolean haveWildcards;
    private int entriesSeen;
    private int alternatives;

    private Glob(Path base) {
        this.base = base;
    }

    /**
     * Expands {@code pattern}, resolving relative names against {@code base} (keepalived's working
     * directory at that moment: the including file's directory).
     */
    static Glob expand(String pattern, Path base) {
        Glob glob = new Glob(base);
        glob.globBraces(pattern);
        return glob;
    }

    /** True when the pattern has a {@code {} that is not backslash-quoted (keepalived's have_brace). */
    static boolean hasBrace(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                return true;
            }
        }
        return false;
    }

    private void globBraces(String pattern) {
        int begin = findUnquoted(pattern, 0, '{');
        if (begin < 0 || ++alternatives > MAX_ALTERNATIVES) {
            globOne(pattern);
            return;
        }
        List<int[]> parts = new ArrayList<>();
        int p = begin + 1;
        int end;
        while (true) {
            end = nextBraceSub(pattern, p);
            if (end < 0) {
                globOne(pattern);
                return;
            }
            parts.add(new int[] {p, end});
            if (pattern.charAt(end) == '}') {
                break;
            }
            p = end + 1;
        }
        String prefix = pattern.substring(0, begin);
        String rest = pattern.substring(end + 1);
        for (int[] part : parts) {
            globBraces(prefix + pattern.substring(part[0], part[1]) + rest);
        }
    }

    /** The index of the ',' or '}' ending the alternative starting at {@code from}, or -1. */
    private static int nextBraceSub(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int findUnquoted(String s, int from, char wanted) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i++;
            } else if (c == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Globs one brace-free pattern, appending its sorted matches. */
    private void globOne(String pattern) {
        List<String> found = new ArrayList<>();
        int slash = pattern.lastIndexOf('/');
        if (slash < 0) {
            inDirectory(pattern, null, found);
        } else {
            String dir = slash == 0 ? "/" : pattern.substring(0, slash);
            String name = pattern.substring(slash + 1);
            List<String> dirs = new ArrayList<>();
            if (hasMeta(dir)) {
                Glob sub = new Glob(base);
                sub.entriesSeen = entriesSeen;
                sub.globOne(dir);
                entriesSeen = sub.entriesSeen;
                missingDirectories += sub.missingDirectories;
                missingFiles += sub.missingFiles;
                haveWildcards |= sub.haveWildcards;
                for (String d : sub.matches) {
                    dirs.add(d.endsWith("/") && d.length() > 1 ? d.substring(0, d.length() - 1) : d);
                }
            } else {
                dirs.add(unquote(dir));
            }
            for (String d : dirs) {
                if (name.isEmpty()) {
                    if (Files.isDirectory(resolve(d))) {
                        found.add(d.equals("/") ? "/" : d + "/");
                    }
                } else {
                    inDirectory(name, d, found);
                }
            }
        }
        found.sort(Glob::compareCodePoints);
        matches.addAll(found);
    }

    /** glob_in_dir: the names in {@code dir} (null = working directory) matching {@code name}. */
    private void inDirectory(String name, String dir, List<String> found) {
        String prefix = dir == null ? "" : dir.equals("/") ? "/" : dir + "/";
        if (!hasMeta(name)) {
            String path = prefix + unquote(name);
            Path resolved = resolve(path);
            if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
                found.add(mark(path, resolved));
            } else {
                missingFiles++;
            }
            return;
        }
        haveWildcards = true;
        Path directory = resolve(dir == null ? "." : dir);
        if (!Files.isDirectory(directory)) {
            missingDirectories++;
            return;
        }
        List<String> names = new ArrayList<>(List.of(".", ".."));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (++entriesSeen > MAX_ENTRIES) {
                    break;
                }
                names.add(entry.getFileName().toString());
            }
        } catch (IOException | SecurityException e) {
            missingDirectories++;
            return;
        }
        for (String entry : names) {
            if (FnMatch.matches(name, entry)) {
                String path = prefix + entry;
                found.add(mark(path, resolve(path)));
            }
        }
    }

    private Path resolve(String path) {
        try {
            return base.resolve(path);
        } catch (RuntimeException e) {
            return base.resolve("\u0000invalid");
        }
    }

    private static String mark(String path, Path resolved) {
        return !path.endsWith("/") && Files.isDirectory(resolved) ? path + "/" : path;
    }

    static boolean hasMeta(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            } else if (c == '[' && s.indexOf(']', i + 1) > 0) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i++;
                c = s.charAt(i);
            }
            out.append(c);
        }
        return out.toString();
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
