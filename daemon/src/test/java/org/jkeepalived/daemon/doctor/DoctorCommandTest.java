package org.jkeepalived.daemon.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.jkeepalived.daemon.KeepalivedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The doctor subcommand's registration and argument errors, in-process (the checks themselves run
 * in namespaces in the *IT classes); and the report's text and JSON forms.
 */
class DoctorCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = KeepalivedCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void doctorIsASubcommandAndTheDaemonFlagsStillParse() {
        assertThat(run("doctor", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: jkeepalived doctor", "--listen=SECONDS", "--json");
        assertThat(run("-v")).isZero();
        assertThat(out.toString()).contains("jkeepalived v");
    }

    @Test
    void aMissingConfigurationOrABadListenTimeIsExitStatus2WithAMessage(@TempDir Path dir) {
        assertThat(run("doctor", "-f", dir.resolve("none.conf").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("doctor: cannot read configuration file", "none.conf");
        assertThat(run("doctor", "--listen", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--listen must be between 0 and 3600 seconds");
        assertThat(run("doctor", "--listen", "soon")).as("picocli's own parameter error").isEqualTo(1);
    }

    @Test
    void runningTheDoctorInProcessLeavesTheLogLevelAsItWas(@TempDir Path dir) {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        assertThat(run("doctor", "-f", dir.resolve("none.conf").toString())).isEqualTo(2);
        assertThat(root.getLevel()).isEqualTo(before);
    }

    @Test
    void reportPrintsFindingsSortedWithFixesAndExitsByTheWorstSeverity() {
        Report report = new Report("/etc/keepalived/keepalived.conf");
        report.add(Finding.of(Code.JKA064, "global_defs", "SECURITY VIOLATION", "add enable_script_security"));
        report.add(Finding.of(Code.JKA020, "VI_1", "the firewall drops \"adverts\"", "accept vrrp"));
        report.add(Finding.of(Code.JKA020, "VI_1", "the firewall drops \"adverts\"", "accept vrrp"));
        report.note("firewall: nft not installed");
        StringWriter text = new StringWriter();
        report.printText(new PrintWriter(text));
        assertThat(text.toString().split("\\R")).containsExactly(
                "jkeepalived doctor: /etc/keepalived/keepalived.conf",
                "JKA020 error   VI_1: the firewall drops \"adverts\"",
                "        fix: accept vrrp",
                "JKA064 warning global_defs: SECURITY VIOLATION",
                "        fix: add enable_script_security",
                "note: firewall: nft not installed",
                "1 error(s), 1 warning(s).");
        assertThat(report.exitCode()).isEqualTo(1);
        StringWriter json = new StringWriter();
        report.printJson(new PrintWriter(json));
        Object parsed = Json.parse(json.toString());
        assertThat(parsed).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("errors", 1L).containsEntry("warnings", 1L)
                .containsEntry("notes", List.of("firewall: nft not installed"));
        Report clean = new Report("x");
        clean.add(Finding.of(Code.JKA002, "VI_1", "m", "f"));
        assertThat(clean.exitCode()).as("warnings only").isZero();
    }
}
