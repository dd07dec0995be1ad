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
import org.junit.jupiter.api.Disabled;
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

    @Test
    @Disabled("jkeepalived does not act on a VIP deleted by another process yet (VrrpService ignores "
            + "PortEvent.AddressRemoved); keepalived 2.2.7 logs 'Netlink reflector reports IP ... removed', goes BACKUP, "
            + "sends priority 0 and becomes MASTER again with the VIP restored")
    void vipDeletedByAnotherProcessIsHandledAsKeepalivedDoes() {
        String ours = afterVipDeleted(Kind.JKEEPALIVED);
        String theirs = afterVipDeleted(Kind.KEEPALIVED);
        assertThat(ours).as("jkeepalived vs keepalived 2.2.7 after 'ip addr del' of the VIP").isEqualTo(theirs);
    }

    /** Runs {@code kind} alone as MASTER, deletes its VIP, and describes what followed. */
    private String afterVipDeleted(Kind kind) {
        RunningDaemon d = start(kind, lb1, "vip-deleted", instance("MASTER", 150, ""));
        Poll.until("VIP on lb1", ELECTION, () -> lb1.hasAddress(VIP));
        int transitions = d.logLines("Entering ").size();
        lb1.ip("addr", "del", VIP + "/24", "dev", "eth0");
        // keepalived reacts to the netlink event at once; give either side 3 adverts to act.
        try {
            Poll.until(kind + " reacting", Duration.ofSeconds(3), () -> lb1.hasAddress(VIP) || d.logLines("Entering ").size() > transitions);
        } catch (AssertionError noReaction) {
            // no reaction is also a behaviour to compare
        }
        boolean restoredOrRecovered = false;
        try {
            Poll.until(kind + " having the VIP again", Duration.ofSeconds(10), () -> lb1.hasAddress(VIP));
            restoredOrRecovered = true;
        } catch (AssertionError stillGone) {
            // compared below
        }
        List<String> states = d.logLines("\\(VI_1\\) Entering ").stream().skip(transitions)
                .map(l -> l.substring(l.indexOf("Entering "))).toList();
        d.close();
        return "states after deletion " + states + ", VIP present again: " + restoredOrRecovered;
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
    @Disabled("a missing notify script is logged by nothing: config-parser's ParseDriver.checkScriptSecurity drops it "
            + "silently (right for -t, where keepalived prints nothing), so the daemon's ScriptChecker, which has "
            + "keepalived's wording, never sees it (and Daemon.scriptChecker makes it quiet)")
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
