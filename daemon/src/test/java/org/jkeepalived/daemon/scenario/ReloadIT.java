package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jkeepalived.daemon.testing.Capture;
import org.jkeepalived.daemon.testing.HttpPoller;
import org.jkeepalived.daemon.testing.Jkeepalived;
import org.jkeepalived.daemon.testing.Nginx;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.ProcessResult;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 3, check 6: SIGHUP on the master of a running pair while a client polls the VIP through
 * nginx. An unchanged configuration, ten reloads in one second and a broken configuration change
 * nothing: no transition, no VIP removal, no priority-0 advert, no failed request. One pair serves
 * every test, in order; the test that changes the configuration runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReloadIT {
    private static final String VIP = "192.0.2.100";
    private static final String VIP2 = "192.0.2.101";

    private static Path dir;
    private static Topology lan;
    private static Node lb1;
    private static Node lb2;
    private static final java.util.List<AutoCloseable> running = new java.util.ArrayList<>();
    private static RunningDaemon master;
    private static RunningDaemon backup;
    private static Capture capture;

    private static String config(String state, int priority, String vips) {
        return "vrrp_instance VI_1 {\n  state " + state + "\n  interface eth0\n  virtual_router_id 51\n  priority " + priority
                + "\n  advert_int 1\n  virtual_ipaddress {\n" + vips + "  }\n}\n";
    }

    private static final String VIPS = "    " + VIP + "/24 dev eth0\n";

    @BeforeAll
    static void pair() {
        dir = TestDirs.create("reload");
        lan = Topology.of("lb1", "lb2", "client");
        lb1 = lan.node("lb1");
        lb2 = lan.node("lb2");
        running.add(Nginx.start(lb1.ns(), dir.resolve("nginx1"), "lb1"));
        running.add(Nginx.start(lb2.ns(), dir.resolve("nginx2"), "lb2"));
        capture = lan.capture(dir.resolve("lan.pcap"));
        running.add(capture);
        master = RunningDaemon.start(Kind.JKEEPALIVED, lb1.ns(), dir.resolve("lb1"), config("MASTER", 150, VIPS));
        running.add(master);
        master.awaitLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(15));
        backup = RunningDaemon.start(Kind.JKEEPALIVED, lb2.ns(), dir.resolve("lb2"), config("BACKUP", 100, VIPS));
        running.add(backup);
        backup.awaitLog("\\(VI_1\\) Entering BACKUP STATE", Duration.ofSeconds(15));
    }

    @AfterAll
    static void removeAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (lan != null) {
            lan.close();
        }
    }

    /**
     * Runs {@code reloads} while the client polls, then checks that nothing changed: same
     * transitions, VIP on lb1 only, no priority 0 on the wire, every request answered by lb1.
     */
    private void assertReloadChangesNothing(String name, Runnable reloads) {
        int masterTransitions = master.logLines("Entering ").size();
        int backupTransitions = backup.logLines("Entering ").size();
        long zeroAdverts = capture.packets(p -> p.isVrrp(51) && p.priority() == 0).size();
        try (HttpPoller client = HttpPoller.start(lan.node("client").ns(), dir.resolve(name), VIP, 10, 500, 1000)) {
            Poll.until("the client served", Duration.ofSeconds(5), () -> client.requests().size() >= 20);
            reloads.run();
            // Longer than Master_Down_Interval (3.6 s), so a backup that stopped accepting the adverts would show.
            Poll.holdsFor("VIP on lb1 only", Duration.ofSeconds(5), () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
            client.stop();
            List<HttpPoller.Request> requests = client.requests();
            assertThat(requests).as("requests not answered by lb1").filteredOn(r -> !r.body().equals("node lb1")).isEmpty();
            assertThat(requests.size()).isGreaterThan(100);
        }
        assertThat(master.logLines("Entering ")).as("master transitions").hasSize(masterTransitions);
        assertThat(backup.logLines("Entering ")).as("backup transitions").hasSize(backupTransitions);
        assertThat(master.logLines("removing VIPs")).as("VIP removals on the master").hasSize(1); // the startup clean-up only
        assertThat(capture.packets(p -> p.isVrrp(51) && p.priority() == 0)).hasSize((int) zeroAdverts);
        assertThat(master.isAlive()).isTrue();
    }

    @Test
    @Order(1)
    void unchangedConfigurationKeepsEverything() {
        int before = master.logLines("Configuration unchanged").size();
        assertReloadChangesNothing("unchanged", () -> master.signal("HUP"));
        assertThat(master.logLines("Configuration unchanged")).hasSize(before + 1);
    }

    @Test
    @Order(2)
    void tenReloadsInOneSecondKeepEverything() {
        int before = master.logLines("Reloading").size();
        assertReloadChangesNothing("ten", () -> {
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                master.signal("HUP");
                long next = start + (i + 1) * 100_000_000L;
                Poll.until("the next 100 ms slot", Duration.ofMillis(200), () -> System.nanoTime() >= next);
            }
            master.awaitLogCount("Reloading", before + 10, Duration.ofSeconds(5));
        });
    }

    @Test
    @Order(3)
    void brokenConfigurationIsRejectedAndTheOldOneKeepsRunning() throws IOException {
        Path conf = master.directory().resolve("keepalived.conf");
        String good = Files.readString(conf);
        String broken = good.replace("virtual_router_id 51", "virtual_router_id");
        Path probe = dir.resolve("broken.conf");
        Files.writeString(probe, broken);
        ProcessResult check = Jkeepalived.run(null, dir, "-t", "-f", probe.toString());
        assertThat(check.exitCode()).as("the broken config fails -t: %s", check.stderr()).isNotZero();
        try {
            assertReloadChangesNothing("broken", () -> {
                write(conf, broken);
                master.signal("HUP");
                master.awaitLog("Reload of configuration failed", Duration.ofSeconds(5));
            });
        } finally {
            write(conf, good);
        }
    }

    @Test
    @Order(4)
    void addingAVipAddsItWithoutAFlap() {
        // Both nodes get the new VIP, as an operator rolls it out: keepalived 2.2.7 discards adverts
        // whose VIP list differs from its own (addr_list_err), so a backup still on the old list would
        // stop hearing the master and take over after Master_Down_Interval.
        Path masterConf = master.directory().resolve("keepalived.conf");
        Path backupConf = backup.directory().resolve("keepalived.conf");
        assertReloadChangesNothing("add-vip", () -> {
            write(backupConf, config("BACKUP", 100, VIPS + "    " + VIP2 + "/24 dev eth0\n"));
            write(masterConf, config("MASTER", 150, VIPS + "    " + VIP2 + "/24 dev eth0\n"));
            backup.signal("HUP");
            master.signal("HUP");
            Poll.until("the new VIP on lb1", Duration.ofSeconds(5), () -> lb1.hasAddress(VIP2));
        });
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
