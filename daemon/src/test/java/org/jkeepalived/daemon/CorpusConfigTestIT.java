package org.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jkeepalived.daemon.testing.Corpus;
import org.jkeepalived.daemon.testing.Jkeepalived;
import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code jkeepalived -t} on every corpus file, run as the real artifact inside network namespaces
 * built as the corpus README describes, must give keepalived 2.2.7's exit code and the same set of
 * distinct diagnostic lines. Files where we knowingly differ are listed in docs/compatibility.md
 * and are checked against that entry instead.
 */
class CorpusConfigTestIT {
    private static Netns ifaces;
    private static Netns peer;
    private static Netns bare;

    @BeforeAll
    static void buildNamespaces() {
        ifaces = Netns.create("ifaces");
        peer = Netns.create("peer");
        bare = Netns.create("bare");
        ifaces.ip("link", "set", "lo", "up");
        for (int i = 0; i < 4; i++) {
            ifaces.vethTo("eth" + i, peer, "p" + i);
            ifaces.ip("link", "set", "eth" + i, "up");
            peer.ip("link", "set", "p" + i, "up");
        }
        // Addresses from the corpus README; assigned only so -t sees them: nothing is sent.
        ifaces.ip("addr", "add", "192.168.200.5/24", "dev", "eth0");
        ifaces.ip("addr", "add", "2001:db8::5/64", "dev", "eth0", "nodad");
        ifaces.ip("addr", "add", "192.168.201.5/24", "dev", "eth1");
    }

    @AfterAll
    static void removeNamespaces() {
        for (Netns ns : new Netns[] {ifaces, peer, bare}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> verdictsInNamespaceWithInterfaces() {
        return Corpus.verdicts().stream().map(v -> DynamicTest.dynamicTest("ifaces " + v.file(),
                () -> check(ifaces, v.file(), null, v.exitCode(), "ifaces")));
    }

    @TestFactory
    Stream<DynamicTest> verdictsInBareNamespace() {
        return Corpus.verdicts().stream().map(v -> DynamicTest.dynamicTest("bare " + v.file(),
                () -> check(bare, v.file(), null, v.exitCodeBare(), "bare")));
    }

    @TestFactory
    Stream<DynamicTest> verdictsWithConfigId() {
        return Corpus.configIdVerdicts().stream().map(v -> DynamicTest.dynamicTest(
                "config-id " + v.configId() + " " + v.file(),
                () -> check(ifaces, v.file(), v.configId(), v.exitCode(), "config-id")));
    }

    private static void check(Netns ns, String file, String configId, int expectedExit, String kind) {
        Path path = Corpus.root().resolve(file);
        List<String> args = new ArrayList<>(List.of("-t", "-f", path.getFileName().toString()));
        if (configId != null) {
            args.addAll(List.of("-i", configId));
        }
        ProcessResult r = Jkeepalived.run(ns, path.getParent(), args.toArray(String[]::new));
        String outputName = Corpus.outputName(file) + (configId == null ? "" : "." + configId) + ".out";
        Set<String> expected = Corpus.expectedLines(kind, outputName);
        Set<String> actual = Corpus.distinctLines(r.stdout() + "\n" + r.stderr());

        CompatibilityDeviations.Deviation deviation = CompatibilityDeviations.find(file, kind);
        if (deviation != null) {
            deviation.assertMatches(r.exitCode(), expectedExit, actual, expected);
            return;
        }
        assertThat(actual).as("distinct diagnostic lines of %s (%s)", file, kind).isEqualTo(expected);
        assertThat(r.exitCode()).as("exit code of jkeepalived -t on %s (%s); output:%n%s", file, kind, r.stderr())
                .isEqualTo(expectedExit);
    }
}
