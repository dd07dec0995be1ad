package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keepalived sample corpus in {@code ../shared/corpus/keepalived-samples}: configs with
 * keepalived 2.2.7's {@code -t} verdicts ({@code EXPECTED.tsv}, {@code EXPECTED-config-id.tsv})
 * and its exact output ({@code expected-output/}).
 */
public final class Corpus {
    /** One row of EXPECTED.tsv: the verdict in the namespace with eth0..eth3 and in a bare one. */
    public record Verdict(String file, int exitCode, int exitCodeBare) {
    }

    /** One row of EXPECTED-config-id.tsv. */
    public record ConfigIdVerdict(String file, String configId, int exitCode) {
    }

    private Corpus() {
    }

    /** The corpus directory: system property {@code jkeepalived.shared}, else {@code ../shared} upwards. */
    public static Path root() {
        String shared = System.getProperty("jkeepalived.shared");
        List<Path> candidates = new ArrayList<>();
        if (shared != null) {
            candidates.add(Path.of(shared));
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            candidates.add(dir.resolve("../shared"));
        }
        for (Path c : candidates) {
            Path corpus = c.resolve("corpus/keepalived-samples").normalize();
            if (Files.isRegularFile(corpus.resolve("EXPECTED.tsv"))) {
                return corpus;
            }
        }
        throw new IllegalStateException("keepalived sample corpus not found; looked in " + candidates);
    }

    public static List<Verdict> verdicts() {
        List<Verdict> rows = new ArrayList<>();
        for (String[] f : rows(root().resolve("EXPECTED.tsv"))) {
            rows.add(new Verdict(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[3])));
        }
        return rows;
    }

    public static List<ConfigIdVerdict> configIdVerdicts() {
        List<ConfigIdVerdict> rows = new ArrayList<>();
        for (String[] f : rows(root().resolve("EXPECTED-config-id.tsv"))) {
            rows.add(new ConfigIdVerdict(f[0], f[1], Integer.parseInt(f[2])));
        }
        return rows;
    }

    /** The distinct non-empty lines of an expected-output file ({@code kind} = ifaces, bare or config-id). */
    public static Set<String> expectedLines(String kind, String outputName) {
        return distinctLines(read(root().resolve("expected-output").resolve(kind).resolve(outputName)));
    }

    /** expected-output's naming: the corpus path with '/' replaced by '_'. */
    public static String outputName(String file) {
        return file.replace('/', '_');
    }

    public static Set<String> distinctLines(String text) {
        Set<String> lines = new LinkedHashSet<>();
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (!l.isEmpty()) {
                lines.add(line.stripTrailing());
            }
        }
        return lines;
    }

    private static List<String[]> rows(Path tsv) {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = List.of(read(tsv).split("\n"));
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
