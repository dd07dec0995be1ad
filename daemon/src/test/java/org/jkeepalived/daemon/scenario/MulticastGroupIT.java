package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.jkeepalived.daemon.testing.Capture;
import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code vrrp_mcast_group4} / {@code vrrp_mcast_group6} interop with keepalived 2.2.7: both nodes
 * configured with the same non-default group elect one master, every advert on the LAN goes to
 * that group (none to 224.0.0.18 / ff02::12), and when the master stops the backup takes over,
 * with jkeepalived on either side.
 */
class MulticastGroupIT {

    private static String config(String group, boolean ipv6, String state, int priority) {
        String vip = ipv6 ? "2001:db8::100/64" : "192.0.2.100/24";
        return "global_defs {\n  " + (ipv6 ? "vrrp_mcast_group6 " : "vrrp_mcast_group4 ") + group + "\n}\n"
                + "vrrp_instance VI_1 {\n  state " + state + "\n  interface eth0\n  virtual_router_id 61\n  priority "
                + priority + "\n  advert_int 1\n" + (ipv6 ? "  version 3\n" : "") + "  virtual_ipaddress {\n    "
                + vip + " dev eth0\n  }\n}\n";
    }

    @ParameterizedTest(name = "{0} master, {1} backup, group {2}")
    @CsvSource({
        "JKEEPALIVED, KEEPALIVED, 224.0.0.100, false",
        "KEEPALIVED, JKEEPALIVED, 224.0.0.100, false",
        "JKEEPALIVED, KEEPALIVED, ff02::1:100, true",
        "KEEPALIVED, JKEEPALIVED, ff02::1:100, true",
    })
    void bothSidesUseTheGroup(Kind masterKind, Kind backupKind, String group, boolean ipv6) throws Exception {
        Netns.requireRoot();
        String vip = ipv6 ? "2001:db8::100" : "192.0.2.100";
        String defaultGroup = ipv6 ? "ff02::12" : "224.0.0.18";
        Path dir = TestDirs.create("mcast-group-" + masterKind.name().toLowerCase() + (ipv6 ? "-v6" : "-v4"));
        try (Topology lan = Topology.of("lb1", "lb2");
             Capture capture = lan.capture(dir.resolve("lan.pcap"))) {
            Node lb1 = lan.node("lb1");
            Node lb2 = lan.node("lb2");
            try (RunningDaemon master = RunningDaemon.start(masterKind, lb1.ns(), dir.resolve("lb1"),
                    config(group, ipv6, "MASTER", 150))) {
                // The backup starts once the master is MASTER, so that it never is MASTER itself.
                master.awaitLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(20));
                try (RunningDaemon backup = RunningDaemon.start(backupKind, lb2.ns(), dir.resolve("lb2"),
                        config(group, ipv6, "BACKUP", 100))) {
                    takeOver(master, backup, capture, lb1, lb2, group, vip, ipv6);
                }
            }
            assertThat(capture.packets(p -> p.isVrrp(61) && p.destination().equals(defaultGroup)))
                    .as("adverts to the default group").isEmpty();
            assertThat(capture.packets(p -> p.isVrrp(61) && p.priority() == 0 && p.destination().equals(group)))
                    .as("the stopping master's priority 0 on the group").isNotEmpty();
        }
    }

    private static void takeOver(RunningDaemon master, RunningDaemon backup, Capture capture, Node lb1, Node lb2,
                                 String group, String vip, boolean ipv6) {
        backup.awaitLog("\\(VI_1\\) Entering BACKUP STATE", Duration.ofSeconds(20));
        for (Node node : new Node[] {lb1, lb2}) {
            Poll.until(node.name() + " joined " + group, Duration.ofSeconds(5),
                    () -> node.ip("maddr", "show", "dev", "eth0").contains(group));
        }
        // Longer than the backup's Master_Down_Interval: it must be hearing the master on the group.
        Poll.holdsFor("VIP on lb1 only", Duration.ofSeconds(5), () -> lb1.hasAddress(vip) && !lb2.hasAddress(vip));
        assertThat(backup.logLines("Entering MASTER")).isEmpty();
        Poll.until("adverts to " + group + " captured", Duration.ofSeconds(5),
                () -> capture.packets(p -> p.isVrrp(61) && p.destination().equals(group)).size() >= 3);

        master.signal("TERM");
        master.awaitExit(Duration.ofSeconds(10));
        backup.awaitLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(10));
        Poll.until("VIP on lb2", Duration.ofSeconds(5), () -> lb2.hasAddress(vip));
        Poll.until("the new master's adverts to " + group, Duration.ofSeconds(5), () -> capture.packets(
                p -> p.isVrrp(61) && p.destination().equals(group) && p.source().equals(ipv6
                        ? linkLocalSource(capture, lb2) : lb2.ipv4())).size() >= 2);
    }

    /** The IPv6 source of lb2's adverts: its link-local address, as seen on the wire. */
    private static String linkLocalSource(Capture capture, Node lb2) {
        String mac = lb2.mac();
        return capture.packets(p -> p.isVrrp(61) && p.ethSource().equalsIgnoreCase(mac)).stream()
                .map(Capture.Packet::source).findFirst().orElse("(none yet)");
    }
}
