package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jkeepalived.daemon.testing.Jkeepalived;
import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.junit.jupiter.api.Test;

/**
 * Started by a parent that ignores SIGHUP, SIGINT and SIGTERM (nohup, a shell's background job),
 * jkeepalived still reloads on SIGHUP and stops on SIGTERM, as keepalived does: the launcher resets
 * them to their default action before java starts, since a JVM does not handle a signal that was
 * ignored when it started. Found when a test run under nohup saw no SIGHUP reload at all.
 */
class InheritedSignalsIT {
    private static final String CONFIG = "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n"
            + "  virtual_router_id 62\n  priority 255\n  advert_int 1\n  virtual_ipaddress {\n"
            + "    192.0.2.62/24 dev eth0\n  }\n}\n";

    @Test
    void reloadAndStopWorkWhenTheParentIgnoredTheSignals() throws IOException, InterruptedException {
        Netns.requireRoot();
        Path dir = TestDirs.create("inherited-signals");
        Files.createDirectories(dir);
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, CONFIG);
        Path log = dir.resolve("daemon.log");
        Process daemon = null;
        try (Topology lan = Topology.of("lb1")) {
            List<String> argv = new ArrayList<>(lan.node("lb1").ns().execPrefix());
            argv.addAll(List.of("env", "--ignore-signal=HUP,INT,TERM"));
            argv.addAll(Jkeepalived.command(null, "-n", "-l", "-G", "-f", conf.toString(),
                    "-p", dir.resolve("main.pid").toString(), "--dump-dir", dir.toString(),
                    "--control-socket", "none"));
            daemon = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Poll.until("MASTER", Duration.ofSeconds(30), () -> read(log).contains("(VI_1) Entering MASTER STATE"));
            // Every process of the chain execs the next: this is the JVM.
            String status = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "status"));
            long ignored = Long.parseLong(status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow()
                    .substring("SigIgn:".length()).trim(), 16);
            assertThat(ignored & 0x4003L).as("SIGHUP, SIGINT, SIGTERM not ignored by the daemon").isZero();

            Netns.run("kill", "-HUP", Long.toString(daemon.pid()));
            Poll.until("reload", Duration.ofSeconds(10), () -> read(log).contains("Configuration unchanged"));

            Netns.run("kill", "-TERM", Long.toString(daemon.pid()));
            assertThat(daemon.waitFor(15, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
            assertThat(read(log)).contains("Reloading", "Stopping", "Stopped");
        } finally {
            if (daemon != null && daemon.isAlive()) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }
}
