package org.jkeepalived.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service handling of the maintainer scripts as it runs on a machine whose init is systemd,
 * which CI is not: each script runs in a private mount namespace where {@code /run} (with a
 * {@code /run/systemd/system} directory), {@code /var/cache} and {@code /etc/default} are empty
 * tmpfs mounts, and {@code systemctl}, {@code deb-systemd-helper} and {@code deb-systemd-invoke}
 * are stand-ins that record their arguments. Nothing is started, enabled or written on the host.
 * Runs as root (for the mount namespace) and fails otherwise.
 */
class MaintainerScriptsIT {
    private static final String UNIT = "jkeepalived.service";
    private static final String STAND_IN = """
            #!/bin/sh
            # Records the call; answers as configured by the test through the environment.
            echo "$(basename "$0") $*" >> "$FAKE_LOG"
            case "$(basename "$0") $1" in
                "deb-systemd-helper debian-installed") exit "${FAKE_DEBIAN_INSTALLED:-1}" ;;
                "deb-systemd-helper --quiet") exit "${FAKE_WAS_ENABLED:-0}" ;;
                "systemctl is-active") exit "${FAKE_KEEPALIVED_ACTIVE:-3}" ;;
            esac
            exit 0
            """;

    private final Path controlDir = Path.of(System.getProperty("jkeepalived.controlDir", "src/deb/control"));
    private Path workDir;
    private Path log;

    @BeforeEach
    void standIns() throws IOException {
        assertThat(Commands.run("id", "-u").output().strip())
                .as("the maintainer-script IT needs root for its mount namespace (CI runs as root)").isEqualTo("0");
        assertThat(Commands.packageStatus("jkeepalived"))
                .as("run it on a machine without the jkeepalived package (dpkg -P jkeepalived)").isEqualTo("not-installed");
        workDir = Files.createTempDirectory("jkeepalived-scripts-it");
        log = workDir.resolve("calls.log");
        Files.createFile(log);
        Path bin = Files.createDirectories(workDir.resolve("bin"));
        for (String name : List.of("systemctl", "deb-systemd-helper", "deb-systemd-invoke")) {
            Path standIn = bin.resolve(name);
            Files.writeString(standIn, STAND_IN);
            Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @AfterEach
    void removeWorkDir() {
        if (workDir != null) {
            Commands.run("rm", "-rf", workDir.toString());
        }
    }

    @Test
    void aFirstInstallEnablesAndStartsTheService() throws IOException {
        Commands.Result result = runScript(true, Map.of("FAKE_DEBIAN_INSTALLED", "1"), "postinst", "configure", "");
        assertThat(calls()).contains("deb-systemd-helper enable " + UNIT, "systemctl --system daemon-reload",
                "deb-systemd-invoke start " + UNIT).noneMatch(call -> call.contains("restart"));
        assertThat(result.output()).isEmpty();
    }

    @Test
    void aFirstInstallNeverSwapsOutARunningKeepalived() throws IOException {
        Commands.Result result = runScript(true, Map.of("FAKE_KEEPALIVED_ACTIVE", "0"), "postinst", "configure", "");
        assertThat(calls()).contains("deb-systemd-helper enable " + UNIT)
                .noneMatch(call -> call.startsWith("deb-systemd-invoke"));
        assertThat(result.output()).contains("keepalived.service is running", "migration-from-keepalived.md");
    }

    @Test
    void anUpgradeRestartsARunningServiceAndKeepsItEnabled() throws IOException {
        runScript(true, Map.of("FAKE_DEBIAN_INSTALLED", "0", "FAKE_WAS_ENABLED", "0"), "postinst", "configure", "0.1.0");
        assertThat(calls()).contains("deb-systemd-helper enable " + UNIT, "deb-systemd-invoke try-restart " + UNIT)
                .doesNotContain("deb-systemd-invoke start " + UNIT);
    }

    @Test
    void anUpgradeKeepsADisabledServiceDisabled() throws IOException {
        runScript(true, Map.of("FAKE_DEBIAN_INSTALLED", "0", "FAKE_WAS_ENABLED", "1"), "postinst", "configure", "0.1.0");
        assertThat(calls()).contains("deb-systemd-helper update-state " + UNIT)
                .doesNotContain("deb-systemd-helper enable " + UNIT);
    }

    @Test
    void withoutSystemdAsInitNoServiceIsTouched() throws IOException {
        runScript(false, Map.of("FAKE_DEBIAN_INSTALLED", "1"), "postinst", "configure", "");
        assertThat(calls()).containsExactly("deb-systemd-helper debian-installed " + UNIT,
                "deb-systemd-helper enable " + UNIT);
    }

    @Test
    void removeStopsTheServiceAndAnUpgradeDoesNot() throws IOException {
        runScript(true, Map.of(), "prerm", "upgrade", "0.1.0+1");
        assertThat(calls()).isEmpty();
        runScript(true, Map.of(), "prerm", "remove");
        assertThat(calls()).containsExactly("deb-systemd-invoke stop " + UNIT);
    }

    @Test
    void removeAndPurgeForgetTheEnablementState() throws IOException {
        runScript(true, Map.of(), "postrm", "remove");
        assertThat(calls()).containsExactly("deb-systemd-helper purge " + UNIT, "deb-systemd-helper unmask " + UNIT,
                "systemctl --system daemon-reload");
        Files.writeString(log, "");
        runScript(true, Map.of(), "postrm", "purge");
        assertThat(calls()).contains("deb-systemd-helper purge " + UNIT);
    }

    @Test
    void unknownArgumentsFail() {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Commands.Result result = runScriptRaw(true, Map.of(), script, "bogus");
            assertThat(result.exitCode()).as(script + " bogus").isEqualTo(1);
            assertThat(result.output()).contains("unknown argument 'bogus'");
        }
    }

    private Commands.Result runScript(boolean systemd, Map<String, String> answers, String script, String... args) {
        Commands.Result result = runScriptRaw(systemd, answers, script, args);
        return result.requireSuccess();
    }

    /** {@code script args} in a private mount namespace, the stand-ins first on the PATH. */
    private Commands.Result runScriptRaw(boolean systemd, Map<String, String> answers, String script, String... args) {
        String setup = "mount -t tmpfs jkeepalived-it /run && mount -t tmpfs jkeepalived-it /var/cache"
                + " && mount -t tmpfs jkeepalived-it /etc/default"
                + (systemd ? " && mkdir -p /run/systemd/system" : "")
                + " && exec \"$@\"";
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", setup, "sh", "sh", controlDir.resolve(script).toString()));
        command.addAll(List.of(args));
        Map<String, String> environment = new java.util.HashMap<>(answers);
        environment.put("FAKE_LOG", log.toString());
        environment.put("PATH", workDir.resolve("bin") + ":/usr/sbin:/usr/bin:/sbin:/bin");
        return Commands.run(environment, command);
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }
}
