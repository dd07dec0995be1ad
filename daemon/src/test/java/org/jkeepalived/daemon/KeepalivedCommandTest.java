package org.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line in-process: keepalived's flags, exit codes and outputs. */
class KeepalivedCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = KeepalivedCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void signumPrintsKeepalivedsSignalNumbers() {
        assertThat(run("--signum=STOP")).isZero();
        assertThat(run("--signum=RELOAD")).isZero();
        assertThat(run("--signum=DATA")).isZero();
        assertThat(run("--signum=STATS")).isZero();
        assertThat(run("--signum=STATS_CLEAR")).isZero();
        assertThat(run("--signum", "JSON")).isZero();
        assertThat(out.toString().split("\\R")).containsExactly("15", "1", "10", "12", "63", "36");
    }

    @Test
    void unknownSignalFunctionIsAnErrorAsInKeepalived() {
        assertThat(run("--signum=TDUMP")).isEqualTo(ExitCodes.FATAL);
        assertThat(err.toString()).contains("Unknown sigfunc TDUMP");
    }

    @Test
    void versionNamesTheCompatibleKeepalived() {
        assertThat(run("-v")).isZero();
        assertThat(out.toString()).startsWith("jkeepalived v").contains("keepalived 2.2.7");
    }

    @Test
    void anUnknownOptionPrintsUsageAndFails() {
        assertThat(run("--no-such-flag")).isEqualTo(ExitCodes.FATAL);
        assertThat(err.toString()).contains("Unknown option").contains("--use-file");
    }

    @Test
    void configTestReportsDiagnosticsAndKeepalivedsExitCode(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "global_defs {\n  router_id r1\n}\nbogus_keyword 1\nvrrp_instance VI_1 {\n priority\n}\n");
        assertThat(run("-t", "-f", conf.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unknown keyword 'bogus_keyword'")
                .contains("*** Configuration line starting `priority` is missing a parameter after keyword `priority` at word position 2");
    }

    @Test
    void configTestWritesToTheLogFileWhenGiven(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("k.conf");
        Path log = dir.resolve("t.log");
        Files.writeString(conf, "bogus_keyword 1\n");
        assertThat(run("--config-test=" + log, "-f", conf.toString())).isEqualTo(5);
        assertThat(Files.readString(log)).contains("Unknown keyword 'bogus_keyword'");
        assertThat(err.toString()).doesNotContain("bogus_keyword");
    }

    @Test
    void dumpConfPrintsEffectiveDefaultsAsTextAndJson(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, "global_defs {\n  router_id dumptest\n}\n");
        assertThat(run("--dump-conf", "-f", conf.toString())).isZero();
        String text = out.toString();
        // Defaults keepalived fills in: SMTP connect timeout 30 s, GARP delay 5 s and repeat 5, VRRP version 2.
        assertThat(text).contains("routerId = dumptest").contains("smtpConnectTimeoutSeconds = 30")
                .contains("masterDelaySeconds = 5").contains("masterRepeat = 5").contains("vrrpVersion = 2");
        out.getBuffer().setLength(0);
        assertThat(run("--dump-conf=json", "-f", conf.toString())).isZero();
        assertThat(out.toString().strip()).startsWith("{").endsWith("}").contains("\"dumptest\"");
    }

    @Test
    void dumpConfRejectsAnUnknownFormat(@TempDir Path dir) {
        assertThat(run("--dump-conf=yaml", "-f", dir.resolve("x.conf").toString())).isEqualTo(ExitCodes.FATAL);
        assertThat(err.toString()).contains("'text' or 'json'");
    }
}
