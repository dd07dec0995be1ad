package org.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.jkeepalived.daemon.testing.ConfigMutator;
import org.jkeepalived.daemon.testing.Corpus;
import org.jkeepalived.daemon.testing.Jkeepalived;
import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Configurations nobody here wrote a verdict for: seeded mutations of the corpus and of our
 * examples, each checked by real keepalived 2.2.7 ({@code keepalived -t}) and by jkeepalived in
 * the same network namespace. Exit codes and the sets of distinct diagnostic lines must agree.
 * {@code -Ddiff.seed=N} changes the seed, {@code -Ddiff.count=N} the number of configs.
 */
class KeepalivedDifferentialIT {
    private static final long SEED = Long.getLong("diff.seed", 20261122L);
    private static final int COUNT = Integer.getInteger("diff.count", 60);

    private static Netns ns;
    private static Netns peer;
    private static Path workDir;

    @BeforeAll
    static void setUp() throws IOException {
        ns = Netns.create("diff");
        peer = Netns.create("diffpeer");
        ns.ip("link", "set", "lo", "up");
        for (int i = 0; i < 4; i++) {
            ns.vethTo("eth" + i, peer, "p" + i);
            ns.ip("link", "set", "eth" + i, "up");
        }
        ns.ip("addr", "add", "192.168.200.5/24", "dev", "eth0");
        ns.ip("addr", "add", "192.168.201.5/24", "dev", "eth1");
        workDir = Files.createTempDirectory("jk-diff");
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (ns != null) {
            ns.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (workDir != null) {
            try (Stream<Path> files = Files.list(workDir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(workDir);
        }
    }

    @TestFactory
    Stream<DynamicTest> mutatedConfigsGetKeepalivedsVerdict() throws IOException {
        List<Path> bases = new ArrayList<>();
        for (Corpus.Verdict v : Corpus.verdicts()) {
            Path p = Corpus.root().resolve(v.file());
            // Configs with includes depend on their directory; they are covered by the corpus test.
            if (!Files.readString(p, StandardCharsets.ISO_8859_1).contains("include")) {
                bases.add(p);
            }
        }
        Path examples = Path.of("").toAbsolutePath().getParent().resolve("examples/nginx-pair");
        bases.add(examples.resolve("lb1.conf"));
        bases.add(examples.resolve("lb2.conf"));
        Random random = new Random(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            Path base = bases.get(random.nextInt(bases.size()));
            ConfigMutator.Mutation m = ConfigMutator.mutate(
                    Files.readString(base, StandardCharsets.ISO_8859_1), random);
            String name = String.format("m%03d.conf", i);
            Files.writeString(workDir.resolve(name), m.text(), StandardCharsets.ISO_8859_1);
            String label = name + " from " + base.getFileName() + ": " + m.description();
            tests.add(DynamicTest.dynamicTest(label, () -> compare(name, label)));
        }
        return tests.stream();
    }

    private static void compare(String name, String label) {
        List<String> keepalived = new ArrayList<>(ns.execPrefix());
        keepalived.addAll(List.of("keepalived", "-t", "-f", name));
        ProcessResult ka = ProcessResult.run(keepalived, workDir, Duration.ofSeconds(30));
        ProcessResult jk = Jkeepalived.run(ns, workDir, "-t", "-f", name);
        Set<String> kaLines = Corpus.distinctLines(ka.stdout() + "\n" + ka.stderr());
        Set<String> jkLines = Corpus.distinctLines(jk.stdout() + "\n" + jk.stderr());
        assertThat(jkLines).as("diagnostics for %s (seed %d)", label, SEED).isEqualTo(kaLines);
        assertThat(jk.exitCode()).as("exit code for %s (seed %d)", label, SEED).isEqualTo(ka.exitCode());
    }
}
