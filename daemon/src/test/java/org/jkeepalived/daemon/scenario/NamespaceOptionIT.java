package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jkeepalived.daemon.testing.Jkeepalived;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.ProcessResult;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code -s/--namespace NAME}, started from the test's own namespace as a user would start it
 * from the host: the daemon runs inside NAME (its VIP appears there), and its default pid files are
 * keepalived 2.2.7's, {@code /run/keepalived/NAME/keepalived.pid} and {@code vrrp.pid} (checked
 * against keepalived itself), removed at exit. Without the launcher, which enters the namespace,
 * the daemon refuses to start.
 */
class NamespaceOptionIT {
    private static final String VIP = "192.0.2.100";
    private static Topology lan;
    private static Node lb1;
    private static Node other;
    private static Path dir;

    @BeforeAll
    static void lan() {
        dir = TestDirs.create("namespace");
        lan = Topology.of("lb1", "other");
        lb1 = lan.node("lb1");
        other = lan.node("other");
    }

    @AfterAll
    static void removeLan() {
        if (lan != null) {
            lan.close();
        }
    }

    private static String config() {
        return "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 150\n"
                + "  advert_int 1\n  virtual_ipaddress {\n    " + VIP + "/24 dev eth0\n  }\n}\n";
    }

    @Test
    void jkeepalivedRunsInTheNamedNamespaceWithKeepalivedsPidFiles() throws Exception {
        String name = lb1.ns().name();
        Path pidDir = Path.of("/run/keepalived", name);
        List<String> theirs = pidFilesWhileRunning("keepalived", List.of("keepalived", "-n", "-l", "-G", "-P", "-s", name,
                "-f", write("keepalived").toString()), pidDir);
        List<String> ours = pidFilesWhileRunning("jkeepalived", Jkeepalived.command(null, "-n", "-l", "-G", "-s", name,
                "-f", write("jkeepalived").toString(), "--dump-dir", dir.toString()), pidDir);
        assertThat(theirs).as("keepalived 2.2.7's pid files with -s").containsExactly("keepalived.pid", "vrrp.pid");
        assertThat(ours).as("jkeepalived's pid files with -s").isEqualTo(theirs);
        assertThat(read(dir.resolve("jkeepalived.log"))).contains("Running in network namespace " + name);
    }

    @Test
    void withoutTheLauncherTheDaemonRefusesToStart() throws IOException {
        // Started inside another test namespace with plain java -jar: it must not run there.
        List<String> argv = new ArrayList<>(other.ns().execPrefix());
        argv.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Jkeepalived.jar().toString(), "-n", "-l", "-G", "-s", lb1.ns().name(), "-f", write("plain").toString(),
                "-p", dir.resolve("plain.pid").toString(), "-r", dir.resolve("plain-vrrp.pid").toString()));
        ProcessResult r = ProcessResult.run(argv, dir, Duration.ofSeconds(30));
        assertThat(r.exitCode()).as("exit code, output: %s", r.stdout() + r.stderr()).isEqualTo(1);
        assertThat(r.stdout() + r.stderr()).contains("Not running in network namespace " + lb1.ns().name())
                .contains("bin/jkeepalived");
        assertThat(other.hasAddress(VIP) || lb1.hasAddress(VIP)).isFalse();
    }

    private static Path write(String who) throws IOException {
        Path conf = dir.resolve(who + ".conf");
        Files.writeString(conf, config());
        return conf;
    }

    /**
     * Starts {@code argv} from the test's namespace, waits until it holds the VIP in lb1, lists its
     * pid directory (and checks the pid file names the process), stops it and checks the directory
     * is gone.
     */
    private static List<String> pidFilesWhileRunning(String who, List<String> argv, Path pidDir) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(who + ".log").toFile()).start();
        try {
            Poll.until(who + " holding the VIP in lb1", Duration.ofSeconds(15), () -> lb1.hasAddress(VIP));
            Poll.until(who + " writing its pid files", Duration.ofSeconds(5),
                    () -> Files.exists(pidDir.resolve("keepalived.pid")) && Files.exists(pidDir.resolve("vrrp.pid")));
            assertThat(Files.readString(pidDir.resolve("keepalived.pid")).strip()).isEqualTo(Long.toString(p.pid()));
            List<String> files;
            try (var listing = Files.list(pidDir)) {
                files = listing.map(f -> f.getFileName().toString()).sorted().toList();
            }
            p.destroy();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as(who + " stopped by SIGTERM").isTrue();
            Poll.until(who + " removing " + pidDir, Duration.ofSeconds(5), () -> !Files.exists(pidDir));
            Poll.until(who + "'s VIP gone", Duration.ofSeconds(5), () -> !lb1.hasAddress(VIP));
            return files;
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
