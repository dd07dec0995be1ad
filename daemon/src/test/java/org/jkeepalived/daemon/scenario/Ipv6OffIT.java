package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.jkeepalived.daemon.testing.Capture;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IPv6 turned off on both nodes, the two ways a namespace allows: lb1 with
 * {@code net.ipv6.conf.all/default.disable_ipv6=1} (no interface has IPv6, which is what made the
 * JDK refuse AF_INET6 channels and the capture loop on "IPv6 not available; will reopen" until
 * both nodes were MASTER), lb2 with {@code net.ipv6.conf.eth0.disable_ipv6=1} only. IPv4 VRRP
 * elects one master, fails over on a link cut and preempts back, between two jkeepalived nodes
 * and with keepalived 2.2.7 in either role. An IPv6 instance goes FAULT as keepalived's does,
 * and leaves FAULT once IPv6 is turned back on.
 */
class Ipv6OffIT {
    private static final String VIP = "192.0.2.100";
    private static final Duration ELECTION = Duration.ofSeconds(15);
    private static final String CAPTURE_STOPPED = "Packet capture on eth0 stopped";

    private static Path dir;
    private static Topology lan;
    private static Node lb1;
    private static Node lb2;

    private RunningDaemon daemon1;
    private RunningDaemon daemon2;
    private Capture capture;

    @BeforeAll
    static void lanWithoutIpv6() {
        dir = TestDirs.create("ipv6off");
        lan = Topology.of("lb1", "lb2");
        lb1 = lan.node("lb1");
        lb2 = lan.node("lb2");
        lan.sysctl("lb1", "net.ipv6.conf.all.disable_ipv6", "1");
        lan.sysctl("lb1", "net.ipv6.conf.default.disable_ipv6", "1");
        lan.sysctl("lb2", "net.ipv6.conf.eth0.disable_ipv6", "1");
        for (Node node : new Node[] {lb1, lb2}) {
            Poll.until("no IPv6 on " + node.name() + " eth0", Duration.ofSeconds(5),
                    () -> !node.ip("-6", "addr", "show", "dev", "eth0").contains("inet6"));
        }
    }

    @AfterAll
    static void removeLan() {
        if (lan != null) {
            lan.close();
        }
    }

    @AfterEach
    void stopDaemons() {
        try (RunningDaemon d1 = daemon1; RunningDaemon d2 = daemon2; Capture c = capture) {
            // closing is the point
        }
        daemon1 = null;
        daemon2 = null;
        capture = null;
        lan.restore("lb1");
        lan.sysctl("lb2", "net.ipv6.conf.eth0.disable_ipv6", "1");
    }

    static Stream<Arguments> pairs() {
        return Stream.of(Arguments.of(Kind.JKEEPALIVED, Kind.JKEEPALIVED),
                Arguments.of(Kind.JKEEPALIVED, Kind.KEEPALIVED),
                Arguments.of(Kind.KEEPALIVED, Kind.JKEEPALIVED));
    }

    @ParameterizedTest(name = "{0} on lb1, {1} on lb2")
    @MethodSource("pairs")
    void ipv4ElectsOneMasterFailsOverAndPreemptsWithIpv6Off(Kind kind1, Kind kind2) {
        String name = ("v4-" + kind1 + "-" + kind2).toLowerCase();
        capture = lan.capture(dir.resolve(name + ".pcap"));
        daemon1 = RunningDaemon.start(kind1, lb1.ns(), dir.resolve(name + "-lb1"), ipv4Config("lb1", "MASTER", 150));
        daemon1.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
        daemon2 = RunningDaemon.start(kind2, lb2.ns(), dir.resolve(name + "-lb2"), ipv4Config("lb2", "BACKUP", 100));
        daemon2.awaitLog("\\(VI_1\\) Entering BACKUP STATE", ELECTION);
        awaitOnlyOn(lb1, lb2);
        // well past lb2's Master_Down_Interval (3.6 s): lb2 hears lb1 and stays BACKUP
        Poll.holdsFor("one master, on lb1", Duration.ofSeconds(5), () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        assertThat(daemon2.logLines("Entering MASTER STATE")).as("dual master with IPv6 off").isEmpty();

        lan.cut("lb1");
        awaitOnlyOn(lb2, lb1);
        lan.restore("lb1");
        awaitOnlyOn(lb1, lb2);
        daemon2.awaitLog("\\(VI_1\\) Entering BACKUP STATE", Duration.ofSeconds(5));
        assertThat(daemon2.logLines("Entering BACKUP STATE")).hasSizeGreaterThanOrEqualTo(2);
        for (RunningDaemon daemon : new RunningDaemon[] {daemon1, daemon2}) {
            assertThat(daemon.logLines(CAPTURE_STOPPED)).as("%s capture restarts", daemon).isEmpty();
        }
    }

    @Test
    void ipv6InstanceIsFaultWithoutIpv6AndRecoversWhenItIsEnabled() {
        capture = lan.capture(dir.resolve("v6.pcap"));
        daemon2 = RunningDaemon.start(Kind.JKEEPALIVED, lb2.ns(), dir.resolve("v6-lb2"), ipv6Config());
        daemon2.awaitLog("\\(VI_6\\) entering FAULT state \\(no IPv6 address for interface\\)", ELECTION);
        daemon2.awaitLog("\\(VI_4\\) Entering MASTER STATE", ELECTION);
        assertThat(lb2.hasAddress("2001:db8::100")).isFalse();
        assertThat(daemon2.logLines("\\(VI_6\\) Entering MASTER STATE")).isEmpty();

        lan.sysctl("lb2", "net.ipv6.conf.eth0.disable_ipv6", "0");
        daemon2.awaitLog("\\(VI_6\\) Entering MASTER STATE", ELECTION);
        Poll.until("IPv6 VIP on lb2", ELECTION, () -> lb2.hasAddress("2001:db8::100"));
        assertThat(lb2.hasAddress(VIP)).as("the IPv4 instance kept its VIP").isTrue();
        assertThat(daemon2.logLines(CAPTURE_STOPPED)).isEmpty();
    }

    private static void awaitOnlyOn(Node owner, Node other) {
        Poll.until("VIP on " + owner.name() + " only", ELECTION, () -> owner.hasAddress(VIP) && !other.hasAddress(VIP));
    }

    private static String ipv4Config(String routerId, String state, int priority) {
        return "global_defs {\n  router_id " + routerId + "\n}\n"
                + "vrrp_instance VI_1 {\n  state " + state + "\n  interface eth0\n  virtual_router_id 71\n"
                + "  priority " + priority + "\n  advert_int 1\n"
                + "  virtual_ipaddress {\n    " + VIP + "/24 dev eth0\n  }\n}\n";
    }

    private static String ipv6Config() {
        return "global_defs {\n  router_id lb2\n}\n"
                + "vrrp_instance VI_6 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 72\n"
                + "  priority 100\n  advert_int 1\n"
                + "  virtual_ipaddress {\n    2001:db8::100/64 dev eth0\n  }\n}\n"
                + "vrrp_instance VI_4 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 73\n"
                + "  priority 100\n  advert_int 1\n"
                + "  virtual_ipaddress {\n    " + VIP + "/24 dev eth0\n  }\n}\n";
    }
}
