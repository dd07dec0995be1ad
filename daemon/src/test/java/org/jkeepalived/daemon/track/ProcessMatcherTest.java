package org.jkeepalived.daemon.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** keepalived's comm / command-line / param_match rules. */
class ProcessMatcherTest {
    private static byte[] cmdline(String... argv) {
        return (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBareNameMatchesComm() {
        ProcessMatcher nginx = new ProcessMatcher(List.of("nginx"), null, false);

        assertThat(nginx.usesCommandLine()).isFalse();
        assertThat(nginx.matches("nginx", null)).isTrue();
        assertThat(nginx.matches("nginx-debug", null)).isFalse();
    }

    @Test
    void fullCommandMatchesArgvZeroWithAnyParameters() {
        ProcessMatcher nginx = new ProcessMatcher(List.of("/usr/sbin/nginx"), null, true);

        assertThat(nginx.usesCommandLine()).isTrue();
        assertThat(nginx.matches(null, cmdline("/usr/sbin/nginx", "-g", "daemon off;"))).isTrue();
        assertThat(nginx.matches(null, cmdline("nginx"))).isFalse();
    }

    @Test
    void parametersMatchExactlyByDefault() {
        ProcessMatcher m = new ProcessMatcher(List.of("/bin/sleep", "100"), null, false);

        assertThat(m.usesCommandLine()).isTrue();
        assertThat(m.matches(null, cmdline("/bin/sleep", "100"))).isTrue();
        assertThat(m.matches(null, cmdline("/bin/sleep", "100", "x"))).isFalse();
        assertThat(m.matches(null, cmdline("/bin/sleep", "1000"))).isFalse();
    }

    @Test
    void exactWithoutParametersMeansNoParameters() {
        ProcessMatcher m = new ProcessMatcher(List.of("/bin/sleep"), "exact", false);

        assertThat(m.matches(null, cmdline("/bin/sleep"))).isTrue();
        assertThat(m.matches(null, cmdline("/bin/sleep", "1"))).isFalse();
    }

    @Test
    void partialAllowsMoreParametersAfterTheGivenOnes() {
        ProcessMatcher m = new ProcessMatcher(List.of("/bin/sleep", "100"), "partial", false);

        assertThat(m.matches(null, cmdline("/bin/sleep", "100", "x"))).isTrue();
        assertThat(m.matches(null, cmdline("/bin/sleep", "1000"))).isFalse();
    }

    @Test
    void initialAllowsTheLastGivenParameterToBeAPrefix() {
        ProcessMatcher m = new ProcessMatcher(List.of("/usr/bin/python3", "-m", "http"), "initial", false);

        assertThat(m.matches(null, cmdline("/usr/bin/python3", "-m", "http.server", "8080"))).isTrue();
        assertThat(m.matches(null, cmdline("/usr/bin/python3", "-c", "http"))).isFalse();
    }

    @Test
    void rejectsAnUnknownParamMatch() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProcessMatcher(List.of("x"), "fuzzy", false))
                .withMessage("Invalid param_match type fuzzy");
    }
}
