package org.jkeepalived.config.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus file gets keepalived 2.2.7's {@code -t} verdict: the exit code of EXPECTED.tsv /
 * EXPECTED-config-id.tsv and the same set of distinct diagnostic lines as expected-output/, in both
 * network namespaces of the corpus README. Known deviations are listed in docs/compatibility.md
 * ({@link KnownDeviations}) and checked to still be documented.
 */
class CorpusVerdictTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String[] row : Corpus.tsv("EXPECTED.tsv")) {
            out.add(Arguments.of(row[0], "ifaces", null, Integer.parseInt(row[1])));
            out.add(Arguments.of(row[0], "bare", null, Integer.parseInt(row[3])));
        }
        for (String[] row : Corpus.tsv("EXPECTED-config-id.tsv")) {
            out.add(Arguments.of(row[0], "config-id", row[1], Integer.parseInt(row[2])));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1} {2}]")
    @MethodSource("cases")
    void verdictMatchesKeepalived(String file, String namespace, String configId, int expectedExit) {
        HostInterfaces interfaces = namespace.equals("bare") ? Corpus.bare() : Corpus.ifaces();
        ParseResult result = Corpus.parse(file, interfaces, configId);
        String outFile = Corpus.outName(file) + (configId == null ? "" : "." + configId) + ".out";
        Set<String> expected = Corpus.expectedLines(namespace, outFile);
        Set<String> actual = new LinkedHashSet<>(result.diagnostics().distinctLines());
        String key = file + " [" + namespace + (configId == null ? "" : " " + configId) + "]";
        if (KnownDeviations.isKnown(key)) {
            assertThat(KnownDeviations.documented(key)).as("deviation of %s must be in docs/compatibility.md", key).isTrue();
            return;
        }
        assertThat(actual).as("diagnostics of %s", key).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.exitCode()).as("exit code of %s; diagnostics %s", key, actual).isEqualTo(expectedExit);
    }
}
