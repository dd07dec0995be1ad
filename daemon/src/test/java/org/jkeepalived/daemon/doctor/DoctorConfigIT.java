package org.jkeepalived.daemon.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.junit.jupiter.api.Test;

/**
 * {@code jkeepalived doctor} on configurations whose scripts and interfaces do not match the host:
 * scripts missing, not executable, in a world-writable directory, with an unknown user, run
 * without script security; an instance interface, tracked interface, VIP dev and unicast_src_ip
 * that the namespace does not have. Scripts live in a root-owned directory under /tmp (the
 * checkout may belong to a non-root user, which would make every script "insecure").
 */
class DoctorConfigIT {

    @Test
    void scriptTrapsAreJka060ToJka063WithScriptSecurityAndJka064Without() throws IOException {
        Path dir = TestDirs.create("doctor-scripts");
        Path scripts = Files.createTempDirectory(Path.of("/tmp"), "jk-doctor-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (Topology lan = Topology.of("lb1")) {
            Path ok = script(scripts.resolve("ok.sh"), "rwxr-xr-x");
            Path noexec = script(scripts.resolve("noexec.sh"), "rw-r--r--");
            Path open = Files.createDirectory(scripts.resolve("open"));
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path insecure = script(open.resolve("insecure.sh"), "rwxr-xr-x");
            String body = "vrrp_script chk_ok {\n  script \"" + ok + "\"\n}\n"
                    + "vrrp_script chk_missing {\n  script \"" + scripts.resolve("missing.sh") + "\"\n}\n"
                    + "vrrp_script chk_noexec {\n  script \"" + noexec + "\"\n}\n"
                    + "vrrp_script chk_insecure {\n  script \"" + insecure + "\"\n}\n";
            // the user is given on the notify line: the parser's model drops a vrrp_script's 'user' keyword
            String tracks = "  track_script {\n    chk_ok\n    chk_missing\n    chk_noexec\n    chk_insecure\n  }\n"
                    + "  notify_master \"" + ok + " master\" doctor-no-such-user\n";
            String secure = DoctorConfigs.instance(51, 100, DoctorConfigs.VIP,
                    "  enable_script_security\n  script_user root\n", tracks).replace("vrrp_instance", body + "vrrp_instance");
            DoctorRun run = DoctorRun.run(lan.node("lb1").ns(), dir.resolve("secure"), secure, "--listen", "0.5");
            assertThat(run.codes()).as("%s", run).containsExactly("JKA060", "JKA061", "JKA062", "JKA063");
            assertThat((String) run.finding("JKA060").get("subject")).isEqualTo("vrrp_script chk_missing");
            assertThat((String) run.finding("JKA061").get("message")).contains(noexec.toString());
            assertThat((String) run.finding("JKA062").get("severity")).isEqualTo("error");
            assertThat((String) run.finding("JKA063").get("message")).contains("doctor-no-such-user");
            assertThat((String) run.finding("JKA063").get("subject")).isEqualTo("VI_1 notify_master");
            String lax = DoctorConfigs.instance(51, 100, DoctorConfigs.VIP, "", "  track_script {\n    chk_ok\n"
                    + "    chk_insecure\n  }\n").replace("vrrp_instance", "vrrp_script chk_ok {\n  script \"" + ok
                    + "\"\n}\nvrrp_script chk_insecure {\n  script \"" + insecure + "\"\n}\nvrrp_instance");
            DoctorRun laxRun = DoctorRun.run(lan.node("lb1").ns(), dir.resolve("lax"), lax, "--listen", "0.5");
            assertThat(laxRun.codes()).as("%s", laxRun).containsExactly("JKA062", "JKA064");
            assertThat((String) laxRun.finding("JKA062").get("severity")).isEqualTo("warning");
            assertThat((String) laxRun.finding("JKA064").get("message")).contains("SECURITY VIOLATION");
            assertThat(laxRun.exitCode()).as("warnings only").isZero();
        } finally {
            delete(scripts);
        }
    }

    @Test
    void interfacesTheHostDoesNotHaveAreJka070ToJka073() {
        Path dir = TestDirs.create("doctor-interfaces");
        try (Topology lan = Topology.of("lb1")) {
            String config = "vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n"
                    + "  priority 100\n  unicast_src_ip 192.0.2.99\n  unicast_peer {\n    192.0.2.12\n  }\n"
                    + "  track_interface {\n    eth9\n  }\n  virtual_ipaddress {\n    192.0.2.100/24 dev eth0\n"
                    + "    203.0.113.5/32 dev ethX\n  }\n}\n"
                    + "vrrp_instance VI_2 {\n  state BACKUP\n  interface eth7\n  virtual_router_id 52\n"
                    + "  priority 100\n  virtual_ipaddress {\n    192.0.2.101/24\n  }\n}\n";
            DoctorRun run = DoctorRun.run(lan.node("lb1").ns(), dir.resolve("doctor"), config, "--listen", "0.5");
            assertThat(run.codes()).as("%s", run).containsExactly("JKA070", "JKA071", "JKA072", "JKA073");
            assertThat((String) run.finding("JKA070").get("subject")).isEqualTo("VI_2");
            assertThat((String) run.finding("JKA070").get("message")).contains("eth7");
            assertThat((String) run.finding("JKA071").get("message")).contains("eth9");
            assertThat((String) run.finding("JKA072").get("message")).contains("192.0.2.99");
            assertThat((String) run.finding("JKA073").get("message")).contains("ethX", "203.0.113.5");
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void aMissingConfigurationIsAClearErrorWithExitStatus2() {
        Path dir = TestDirs.create("doctor-noconfig");
        try (Topology lan = Topology.of("lb1")) {
            var r = org.jkeepalived.daemon.testing.ProcessResult.run(org.jkeepalived.daemon.testing.Jkeepalived.command(
                    lan.node("lb1").ns(), "doctor", "-f", dir.resolve("absent.conf").toString()), dir,
                    java.time.Duration.ofSeconds(60));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr()).contains("cannot read configuration file").contains("absent.conf");
        }
    }

    private static Path script(Path file, String mode) throws IOException {
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
