package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jkeepalived.daemon.testing.AdvertSender;
import org.jkeepalived.daemon.testing.Capture;
import org.jkeepalived.daemon.testing.Capture.Packet;
import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.ProcessResult;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, check 7: faults on the real daemon. The interface deleted and re-created; a VIP deleted
 * by another process (compared with keepalived 2.2.7 in the same setup); a hanging track script;
 * a missing notify script; malformed and hostile adverts, one of each kind and a flood, from a
 * third node ("mallory") — they change no state and are counted.
 */
class FaultsIT {
    private static final String VIP = "192.0.2.100";
    private static final Duration ELECTION = Duration.ofSeconds(15);

    private static Topology lan;
    private static Node lb1;
    private static Node lb2;
    private static Node mallory;
    private static Path dir;

    private final java.util.List<AutoCloseable> running = new java.util.ArrayList<>();

    @BeforeAll
    static void lan() {
        dir = TestDirs.create("faults");
        lan = Topology.of("lb1", "lb2", "mallory");
        lb1 = lan.node("lb1");
        lb2 = lan.node("lb2");
        mallory = lan.node("mallory");
    }

    @AfterAll
    static void removeLan() {
        if (lan != null) {
            lan.close();
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }

    private RunningDaemon start(Kind kind, Node node, String test, String config) {
        RunningDaemon d = RunningDaemon.start(kind, node.ns(), dir.resolve(test).resolve(node.name() + "-" + kind), config);
        running.add(d);
        return d;
    }

    private static String instance(String state, int priority, String extra) {
        return "vrrp_instance VI_1 {\n  state " + state + "\n  interface eth0\n  virtual_router_id 51\n  priority " + priority
                + "\n  advert_int 1\n  authentication {\n    auth_type PASS\n    auth_pass interop1\n  }\n" + extra
                + "  virtual_ipaddress {\n    " + VIP + "/24 dev eth0\n  }\n}\n";
    }

    @Test
    void interfaceDeletedAndRecreatedGoesToFaultThenRecovers() {
        RunningDaemon d = start(Kind.JKEEPALIVED, lb1, "iface", instance("MASTER", 150, ""));
        Poll.until("VIP on lb1", ELECTION, () -> lb1.hasAddress(VIP));
        lb1.ip("link", "del", "eth0");
        d.awaitLog("\\(VI_1\\) Entering FAULT STATE", Duration.ofSeconds(3));
        // Re-create eth0 as it was: plugged into the switch, same address.
        lb1.ns().vethTo("eth0", lan.switchNs(), lb1.switchPort());
        lan.switchNs().ip("link", "set", lb1.switchPort(), "master", "br0");
        lan.switchNs().ip("link", "set", lb1.switchPort(), "up");
        lb1.ip("addr", "add", lb1.ipv4() + "/24", "dev", "eth0");
        lb1.ip("link", "set", "eth0", "up");
        d.awaitLog("\\(VI_1\\) Entering BACKUP STATE(?! \\(init\\))", Duration.ofSeconds(5));
        Poll.until("VIP back on the re-created eth0", ELECTION, () -> lb1.ip("-o", "addr", "show", "dev", "eth0").contains(VIP));
        assertThat(d.logLines("Entering MASTER STATE")).hasSize(2);
        assertThat(d.isAlive()).isTrue();
    }

    private static final String VIP6 = "2001:db8::100";

    /**
     * keepalived 2.2.7 in the same namespace is the reference: a VIP removed by another process
     * makes the MASTER log "Netlink reflector reports IP ... removed from eth0" (-D), enter BACKUP,
     * send priority 0, remove its VIPs and, one Skew_Time later, become MASTER again with the
     * VIPs restored; removing an address that is not a VIP does nothing. Both daemons must log the
     * same lines in the same order and put the same sequence on the wire.
     */
    @Test
    void vipDeletedByAnotherProcessIsHandledAsKeepalivedDoes() {
        VipDeletion theirs = afterVipDeleted(Kind.KEEPALIVED);
        VipDeletion ours = afterVipDeleted(Kind.JKEEPALIVED);
        assertThat(ours.ipv4Lines()).as("IPv4 VIP deleted: jkeepalived vs keepalived 2.2.7 log lines")
                .isEqualTo(theirs.ipv4Lines());
        assertThat(ours.ipv6Lines()).as("IPv6 VIP deleted: jkeepalived vs keepalived 2.2.7 log lines")
                .isEqualTo(theirs.ipv6Lines());
        assertThat(ours.wire()).as("on the wire").isEqualTo(theirs.wire());
    }

    /** What one daemon did after its VIPs were deleted: normalised log lines and the wire sequence. */
    private record VipDeletion(List<String> ipv4Lines, List<String> ipv6Lines, List<String> wire) {
    }

    private static final String VIP_CONFIG = instance("MASTER", 150, "")
            + "vrrp_instance VI_6 {\n  state MASTER\n  interface eth0\n  virtual_router_id 52\n  priority 150\n"
            + "  version 3\n  advert_int 1\n  virtual_ipaddress {\n    " + VIP6 + "/64 dev eth0\n  }\n}\n";

    /** Runs {@code kind} alone as MASTER of an IPv4 and an IPv6 instance, deletes each VIP, records what followed. */
    private VipDeletion afterVipDeleted(Kind kind) {
        Capture capture = lan.capture(dir.resolve("vip-deleted-" + kind + ".pcap"));
        running.add(capture);
        RunningDaemon d = start(kind, lb1, "vip-deleted", VIP_CONFIG);
        Poll.until("VIPs on lb1", ELECTION, () -> lb1.hasAddress(VIP) && lb1.hasAddress(VIP6));
        d.awaitLogCount("\\(VI_6\\) Entering MASTER STATE", 1, ELECTION);

        // Not a VIP: added and removed by someone else, no reaction.
        int reactions = d.logLines("Netlink reflector|Entering ").size();
        lb1.ip("addr", "add", "192.0.2.77/24", "dev", "eth0");
        lb1.ip("addr", "del", "192.0.2.77/24", "dev", "eth0");
        Poll.holdsFor(kind + " ignoring a non-VIP removal", Duration.ofSeconds(2),
                () -> d.logLines("Netlink reflector|Entering ").size() == reactions);

        List<String> ipv4 = deleteAndAwaitRecovery(d, "VI_1", VIP + "/24");
        List<String> ipv6 = deleteAndAwaitRecovery(d, "VI_6", VIP6 + "/64");
        assertThat(d.isAlive()).isTrue();
        d.close();
        List<String> wire = wireAfterDeletion(capture, 51, lb1.ipv4());
        wire.addAll(wireAfterDeletion(capture, 52, null));
        return new VipDeletion(ipv4, ipv6, wire);
    }

    /** Deletes {@code vip} and returns the instance's and reflector's log lines until it is MASTER again. */
    private static List<String> deleteAndAwaitRecovery(RunningDaemon d, String instance, String vip) {
        String address = vip.substring(0, vip.indexOf('/'));
        int masters = d.logLines("\\(" + instance + "\\) Entering MASTER STATE").size();
        int from = d.log().lines().toList().size();
        lb1.ip("addr", "del", vip, "dev", "eth0");
        d.awaitLogCount("\\(" + instance + "\\) Entering MASTER STATE", masters + 1, Duration.ofSeconds(5));
        Poll.until(address + " restored", Duration.ofSeconds(5), () -> lb1.hasAddress(address));
        d.awaitLog("\\(" + instance + "\\) Sending/queueing", Duration.ofSeconds(2));
        return d.log().lines().skip(from).map(FaultsIT::message)
                .filter(m -> m.startsWith("(" + instance + ") ") || m.startsWith("Netlink reflector"))
                .filter(m -> !m.contains("Sending/queueing")).toList();
    }

    /** A log line without its timestamp ("Sun Nov 22 05:11:40 2026: " or with milliseconds). */
    private static String message(String line) {
        int at = line.indexOf(" 20");
        int colon = at < 0 ? -1 : line.indexOf(": ", at);
        return colon < 0 ? line : line.substring(colon + 2);
    }

    /**
     * The adverts of {@code vrid} from the priority-0 advert on, and the one after it, as
     * "prio N" with the gap to the previous one rounded to 50 ms ("+400ms"): keepalived waits its own
     * Skew_Time (414 ms at priority 150) before it is MASTER again.
     */
    private static List<String> wireAfterDeletion(Capture capture, int vrid, String source) {
        List<Packet> adverts = capture.packets(p -> p.isVrrp(vrid) && (source == null || p.source().equals(source)));
        int zero = -1;
        for (int i = 0; i < adverts.size(); i++) {
            if (adverts.get(i).priority() == 0) {
                zero = i;
                break;
            }
        }
        List<String> wire = new java.util.ArrayList<>();
        if (zero < 0) {
            wire.add("vrid " + vrid + ": no priority 0");
            return wire;
        }
        for (int i = zero; i < Math.min(adverts.size(), zero + 2); i++) {
            String gap = i == zero ? "" : " +" + Math.round((adverts.get(i).epochNanos() - adverts.get(i - 1).epochNanos())
                    / 50_000_000.0) * 50 + "ms";
            wire.add("vrid " + vrid + " prio " + adverts.get(i).priority() + gap);
        }
        return wire;
    }

    @Test
    void hangingTrackScriptIsKilledAtItsTimeout() {
        String config = "global_defs {\n  script_user root\n}\nvrrp_script chk_hang {\n  script \"/bin/sleep 37\"\n"
                + "  interval 1\n  timeout 1\n  weight -10\n}\n"
                + instance("MASTER", 150, "  track_script {\n    chk_hang\n  }\n");
        RunningDaemon d = start(Kind.JKEEPALIVED, lb1, "hang", config);
        d.awaitLog("VRRP_Script\\(chk_hang\\) timed_out", Duration.ofSeconds(10));
        Poll.until("VIP on lb1 (priority 140 alone still wins)", ELECTION, () -> lb1.hasAddress(VIP));
        // At a 1 s interval and 1 s timeout, never more than one (plus one being killed) sleep at a time.
        Poll.holdsFor("at most two hanging scripts alive", Duration.ofSeconds(4), () -> sleepers(lb1.ns()) <= 2);
        assertThat(d.logLines("timed_out").size()).isGreaterThanOrEqualTo(1);
        assertThat(d.isAlive()).isTrue();
    }

    private static long sleepers(Netns ns) {
        String pids = ProcessResult.run(List.of("ip", "netns", "pids", ns.name()), null, Duration.ofSeconds(5)).stdout();
        return pids.lines().map(String::trim).filter(p -> !p.isEmpty()).filter(p -> {
            try {
                return java.nio.file.Files.readString(Path.of("/proc", p, "cmdline")).startsWith("/bin/sleep\0" + "37");
            } catch (java.io.IOException e) {
                return false; // exited meanwhile
            }
        }).count();
    }

    @Test
    void missingNotifyScriptIsLoggedAndTheDaemonCarriesOn() {
        String config = "global_defs {\n  script_user root\n}\n"
                + instance("MASTER", 150, "  notify_master \"/nonexistent/jk-notify.sh\"\n");
        RunningDaemon d = start(Kind.JKEEPALIVED, lb1, "missing-notify", config);
        Poll.until("VIP on lb1", ELECTION, () -> lb1.hasAddress(VIP));
        // keepalived 2.2.7's line, verified in the same setup.
        d.awaitLog("Script /nonexistent/jk-notify\\.sh cannot be accessed - No such file or directory", Duration.ofSeconds(3));
        assertThat(d.isAlive()).isTrue();
        Poll.holdsFor("still MASTER and running", Duration.ofSeconds(2), () -> d.isAlive() && lb1.hasAddress(VIP));
    }

    @Test
    void malformedAndHostileAdvertsChangeNothingAndAreCounted() {
        Capture capture = lan.capture(dir.resolve("hostile.pcap"));
        running.add(capture);
        RunningDaemon master = start(Kind.JKEEPALIVED, lb1, "hostile", instance("MASTER", 150, ""));
        master.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
        RunningDaemon backup = start(Kind.JKEEPALIVED, lb2, "hostile", instance("BACKUP", 100, ""));
        backup.awaitLog("\\(VI_1\\) Entering BACKUP STATE", ELECTION);
        Poll.until("VIP on lb1 only", ELECTION, () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        int masterLines = master.logLines("Entering ").size();
        int backupLines = backup.logLines("Entering ").size();

        Path senderDir = dir.resolve("hostile/mallory");
        for (AdvertSender.Kind kind : AdvertSender.Kind.values()) {
            AdvertSender.send(mallory, senderDir, kind, 51, 5, 0);
        }
        Map<String, Long> counted = RunningDaemon.errorCounters(master.dataDump());
        assertThat(counted).as("rejections counted by the master").containsKeys("rejected AUTH_FAILURE", "rejected TTL",
                "rejected CHECKSUM", "rejected PACKET_LENGTH", "rejected CARP");
        assertThat(counted.get("rejected AUTH_FAILURE")).isEqualTo(5);

        String report = AdvertSender.send(mallory, senderDir, AdvertSender.Kind.WRONG_AUTH, 51, 50_000, 10_000);
        Map<String, Long> afterFlood = RunningDaemon.errorCounters(master.dataDump());
        assertThat(afterFlood.get("rejected AUTH_FAILURE")).as("flood (%s) counted", report).isGreaterThanOrEqualTo(5 + 45_000);

        assertThat(master.logLines("Entering ")).as("master transitions").hasSize(masterLines);
        assertThat(backup.logLines("Entering ")).as("backup transitions").hasSize(backupLines);
        assertThat(lb1.hasAddress(VIP) && !lb2.hasAddress(VIP)).isTrue();
        assertThat(master.isAlive() && backup.isAlive()).isTrue();
        List<Packet> adverts = capture.packets(p -> p.isVrrp(51) && p.source().equals(lb1.ipv4()) && p.priority() == 150);
        for (int i = 1; i < adverts.size(); i++) {
            long gap = adverts.get(i).epochNanos() - adverts.get(i - 1).epochNanos();
            assertThat(gap).as("master advert interval during the flood").isBetween(900_000_000L, 1_100_000_000L);
        }
    }
}
