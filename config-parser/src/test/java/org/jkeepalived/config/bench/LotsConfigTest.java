package org.jkeepalived.config.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ParseResult;
import org.jkeepalived.config.ScriptEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's input is a valid configuration with every instance and sync group in it. */
class LotsConfigTest {
    @TempDir
    Path dir;

    @Test
    void generatedConfigParsesCleanly() throws Exception {
        int n = 2000;
        LotsConfig.write(dir.resolve("lots.conf"), n);
        ParseOptions options = new ParseOptions("low", false, LotsConfig.interfaces(n),
                ScriptEnvironment.fake(Map.of(), Map.of(), Map.of()), dir);
        ParseResult r = ConfigParser.parse(Path.of("lots.conf"), options);
        assertThat(r.diagnostics().distinctLines()).isEmpty();
        assertThat(r.config().vrrpInstances()).hasSize(n);
        assertThat(r.config().syncGroups()).hasSize(n / 4);
        assertThat(r.config().instance("VI_7").priority()).isEqualTo(85);
    }
}
