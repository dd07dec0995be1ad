package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.jkeepalived.daemon.testing.Capture;
import org.jkeepalived.daemon.testing.Capture.Packet;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.jkeepalived.daemon.testing.Vrrp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3, check 5: jkeepalived paired with keepalived 2.2.7, each in both roles, for v2
 * multicast, v3 multicast at 100 ms, v2 unicast, v2 PASS auth and IPv6 v3. Each case: lb1
 * (priority 150) is elected; its link is cut and lb2 (priority 100) takes over
 * Master_Down_Interval after lb1's last advert; the link returns and lb1 preempts; SIGTERM to lb1
 * and lb2 takes over Skew_Time after the priority-0 advert. Neither side reports a bad packet:
 * keepalived's log has no complaint, jkeepalived's counters have no rejection.
 */
class InteropIT {
    private static final int VRID = 60;
    private static final Duration ELECTION = Duration.ofSeconds(15);
    /** Timing tolerance for a jkeepalived node taking over (the 10 ms). */
    private static final long OUR_TOLERANCE_NANOS = 10_000_000L;
    /** keepalived's own timing is not under test; this only catches a gross misreading of our adverts. */
    private static final long THEIR_TOLERANCE_NANOS = 50_000_000L;
    private static final String KEEPALIVED_COMPLAINTS =
            "(?i)(bogus|invalid|checksum|ignoring received|mismatch|wrong|bad |unknown vrid|not present in master)";

    /** One protocol setting of the matrix. */
    enum Variant {
        V2_MULTICAST(2, 100, false, false, false),
        V3_MULTICAST_100MS(3, 10, false, false, false),
        V2_UNICAST(2, 100, true, false, false),
        V2_PASS_AUTH(2, 100, false, true, false),
        IPV6_V3(3, 100, false, false, true);

        final int version;
        final int advertCentis;
        final boolean unicast;
        final boolean auth;
        final boolean ipv6;

        Variant(int version, int advertCentis, boolean unicast, boolean auth, boolean ipv6) {
            this.version = version;
            this.advertCentis = advertCentis;
            this.unicast = unicast;
            this.auth = auth;
            this.ipv6 = ipv6;
        }

        String vip() {
            return ipv6 ? "2001:db8::100" : "192.0.2.100";
        }

        long masterDownNanos(int priority) {
            return version == 2 ? Vrrp.masterDownV2Nanos(priority, advertCentis / 100)
                    : Vrrp.masterDownV3Nanos(priority, advertCentis);
        }

        long skewNanos(int priority) {
            return version == 2 ? Vrrp.skewV2Nanos(priority) : Vrrp.skewV3Nanos(priority, advertCentis);
        }

        String config(String routerId, String state, int priority, Node self, Node peer) {
            StringBuilder c = new StringBuilder();
            c.append("global_defs {\n  router_id ").append(routerId).append("\n}\n");
            c.append("vrrp_instance VI_1 {\n  state ").append(state).append("\n  interface eth0\n");
            c.append("  virtual_router_id ").append(VRID).append("\n  priority ").append(priority).append('\n');
            c.append("  advert_int ").append(advertCentis % 100 == 0 ? Integer.toString(advertCentis / 100)
                    : String.format("%.2f", advertCentis / 100.0)).append('\n');
            if (version == 3 && !ipv6) {
                c.append("  version 3\n");
            }
            if (unicast) {
                c.append("  unicast_src_ip ").append(self.ipv4()).append("\n  unicast_peer {\n    ")
                        .append(peer.ipv4()).append("\n  }\n");
            }
            if (auth) {
                c.append("  authentication {\n    auth_type PASS\n    auth_pass interop1\n  }\n");
            }
            c.append("  virtual_ipaddress {\n    ").append(vip()).append(ipv6 ? "/64" : "/24").append(" dev eth0\n  }\n}\n");
            return c.toString();
        }
    }

    private static Topology lan;
    private static Node lb1;
    private static Node lb2;
    private static Path dir;

    private RunningDaemon master;
    private RunningDaemon backup;
    private Capture capture;

    @BeforeAll
    static void lan() {
        dir = TestDirs.create("interop");
        lan = Topology.of("lb1", "lb2");
        lb1 = lan.node("lb1");
        lb2 = lan.node("lb2");
    }

    @AfterAll
    static void removeLan() {
        if (lan != null) {
            lan.close();
        }
    }

    @AfterEach
    void stopDaemons() {
        try (RunningDaemon m = master; RunningDaemon b = backup; Capture c = capture) {
            // closing is the point
        }
        lan.restore("lb1");
    }

    static Stream<Arguments> matrix() {
        return Stream.of(Variant.values()).flatMap(v -> Stream.of(
                Arguments.of(v, Kind.JKEEPALIVED, Kind.KEEPALIVED),
                Arguments.of(v, Kind.KEEPALIVED, Kind.JKEEPALIVED)));
    }

    @ParameterizedTest(name = "{0}: {1} master, {2} backup")
    @MethodSource("matrix")
    void electionFailoverPreemptionAndStopInterwork(Variant variant, Kind masterKind, Kind backupKind) {
        String name = variant + "-" + masterKind + "-" + backupKind;
        Path caseDir = dir.resolve(name.toLowerCase());
        capture = lan.capture(caseDir.resolveSibling(name.toLowerCase() + ".pcap"));
        String vip = variant.vip();
        String mac1 = lb1.mac();
        String mac2 = lb2.mac();
        // The master first: started together, whichever comes up first would win the first election
        // for a moment (both start as BACKUP for Master_Down_Interval, as keepalived does).
        master = RunningDaemon.start(masterKind, lb1.ns(), caseDir.resolve("lb1"),
                variant.config("lb1", "MASTER", 150, lb1, lb2));
        master.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
        backup = RunningDaemon.start(backupKind, lb2.ns(), caseDir.resolve("lb2"),
                variant.config("lb2", "BACKUP", 100, lb2, lb1));
        backup.awaitLog("\\(VI_1\\) Entering BACKUP STATE", ELECTION);
        awaitOnlyOn(vip, lb1, lb2, ELECTION);
        // Four adverts (longer than its Master_Down_Interval) with the backup running: it stays BACKUP.
        long seen = vrrpFrom(mac1).size();
        Poll.until("adverts from lb1", Duration.ofNanos(2 * variant.masterDownNanos(100)),
                () -> vrrpFrom(mac1).size() >= seen + 4);
        assertThat(backup.logLines("Entering MASTER STATE")).as("backup became master during the election").isEmpty();

        // Link cut: lb2 takes over Master_Down_Interval after lb1's last advert.
        lan.cut("lb1");
        awaitOnlyOn(vip, lb2, lb1, ELECTION);
        Poll.until("lb2 advertising", Duration.ofSeconds(3), () -> !vrrpFrom(mac2).isEmpty());
        List<Packet> fromLb1 = vrrpFrom(mac1);
        long gap = vrrpFrom(mac2).get(0).epochNanos() - fromLb1.get(fromLb1.size() - 1).epochNanos();
        assertTiming("takeover after a link cut", gap, variant.masterDownNanos(100), backupKind);

        // Link back: lb1 preempts.
        lan.restore("lb1");
        awaitOnlyOn(vip, lb1, lb2, ELECTION);
        backup.awaitLog("\\(VI_1\\) Entering BACKUP STATE", Duration.ofSeconds(5));
        assertThat(backup.logLines("Entering BACKUP STATE")).hasSizeGreaterThanOrEqualTo(2);

        assertNoBadPackets(master);
        assertNoBadPackets(backup);

        // SIGTERM to lb1: priority 0, lb2 takes over Skew_Time later.
        long beforeStop = capture.packets().size();
        master.signal("TERM");
        master.awaitExit(Duration.ofSeconds(5));
        awaitOnlyOn(vip, lb2, lb1, Duration.ofSeconds(5));
        Poll.until("lb2 advertising after the stop", Duration.ofSeconds(3),
                () -> capture.packets().stream().skip(beforeStop).anyMatch(p -> p.isVrrp(VRID) && p.ethSource().equals(mac2)));
        List<Packet> after = capture.packets().stream().skip(beforeStop).filter(p -> p.isVrrp(VRID)).toList();
        Packet zero = after.stream().filter(p -> p.ethSource().equals(mac1) && p.priority() == 0).findFirst()
                .orElseThrow(() -> new AssertionError("no priority-0 advert from lb1 after SIGTERM: " + after));
        Packet takeover = after.stream().filter(p -> p.ethSource().equals(mac2)).findFirst().orElseThrow();
        assertTiming("takeover after priority 0", takeover.epochNanos() - zero.epochNanos(), variant.skewNanos(100), backupKind);
        assertNoBadPackets(backup);
    }

    private static void awaitOnlyOn(String vip, Node owner, Node other, Duration timeout) {
        Poll.until("VIP " + vip + " on " + owner.name() + " only", timeout, () -> owner.hasAddress(vip) && !other.hasAddress(vip));
    }

    private List<Packet> vrrpFrom(String mac) {
        return capture.packets(p -> p.isVrrp(VRID) && p.ethSource().equals(mac));
    }

    private static void assertTiming(String what, long gapNanos, long expectedNanos, Kind taker) {
        long tolerance = taker == Kind.JKEEPALIVED ? OUR_TOLERANCE_NANOS : THEIR_TOLERANCE_NANOS;
        assertThat(Math.abs(gapNanos - expectedNanos)).as("%s by %s: %s, expected %s", what, taker,
                Vrrp.millis(gapNanos), Vrrp.millis(expectedNanos)).isLessThanOrEqualTo(tolerance);
    }

    private static void assertNoBadPackets(RunningDaemon daemon) {
        if (!daemon.isAlive()) {
            return;
        }
        if (daemon.kind() == Kind.KEEPALIVED) {
            assertThat(daemon.logLines(KEEPALIVED_COMPLAINTS)).as("keepalived complaining about our adverts").isEmpty();
        } else {
            assertThat(RunningDaemon.errorCounters(daemon.dataDump())).as("adverts jkeepalived rejected").isEmpty();
        }
    }
}
