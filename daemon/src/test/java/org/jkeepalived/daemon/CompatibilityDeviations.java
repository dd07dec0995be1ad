package org.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus deviations documented in {@code docs/compatibility.md}, section "Corpus deviations".
 * Each entry names a file and a run and lists exactly which lines differ, so a deviation is a
 * precise, reviewed statement, never a blanket skip:
 *
 * <pre>
 * ### `historical/keepalived.conf.routes` (bare)
 * Why: ...
 * - exit: 5
 * - missing: `(keepalived.conf.routes: Line 3) a line keepalived prints and we do not`
 * - extra: `(keepalived.conf.routes: Line 3) a line we print and keepalived does not`
 * </pre>
 */
final class CompatibilityDeviations {
    private static final Pattern HEADING = Pattern.compile("^### `([^`]+)` \\(([^)]+)\\)\\s*$");
    private static final Pattern ITEM = Pattern.compile("^- (exit|missing|extra): `?(.*?)`?\\s*$");

    record Deviation(String file, String run, Integer exitCode, Set<String> missing, Set<String> extra) {
        void assertMatches(int actualExit, int keepalivedExit, Set<String> actual, Set<String> expected) {
            Set<String> onlyExpected = new LinkedHashSet<>(expected);
            onlyExpected.removeAll(actual);
            Set<String> onlyActual = new LinkedHashSet<>(actual);
            onlyActual.removeAll(expected);
            assertThat(onlyExpected).as("lines keepalived prints that we do not, for %s (%s), per docs/compatibility.md", file, run)
                    .isEqualTo(missing);
            assertThat(onlyActual).as("lines we print that keepalived does not, for %s (%s), per docs/compatibility.md", file, run)
                    .isEqualTo(extra);
            assertThat(actualExit).as("exit code for %s (%s), per docs/compatibility.md", file, run)
                    .isEqualTo(exitCode == null ? keepalivedExit : exitCode);
        }
    }

    private static final List<Deviation> ALL = load();

    private CompatibilityDeviations() {
    }

    static Deviation find(String file, String run) {
        for (Deviation d : ALL) {
            if (d.file().equals(file) && d.run().equals(run)) {
                return d;
            }
        }
        return null;
    }

    private static List<Deviation> load() {
        Path doc = locate();
        List<Deviation> result = new ArrayList<>();
        if (doc == null) {
            return result;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean inSection = false;
        String file = null;
        String run = null;
        Integer exit = null;
        Set<String> missing = new LinkedHashSet<>();
        Set<String> extra = new LinkedHashSet<>();
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.trim().equals("## Corpus deviations");
                continue;
            }
            if (!inSection) {
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                if (file != null) {
                    result.add(new Deviation(file, run, exit, missing, extra));
                }
                file = h.group(1);
                run = h.group(2);
                exit = null;
                missing = new LinkedHashSet<>();
                extra = new LinkedHashSet<>();
                continue;
            }
            Matcher m = ITEM.matcher(line);
            if (file != null && m.matches()) {
                switch (m.group(1)) {
                    case "exit" -> exit = Integer.valueOf(m.group(2).trim());
                    case "missing" -> missing.add(m.group(2));
                    default -> extra.add(m.group(2));
                }
            }
        }
        if (file != null) {
            result.add(new Deviation(file, run, exit, missing, extra));
        }
        return result;
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path doc = dir.resolve("docs/compatibility.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        return null;
    }
}
