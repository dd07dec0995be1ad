package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.jkeepalived.daemon.testing.Capture;
import org.jkeepalived.daemon.testing.Capture.Packet;
import org.jkeepalived.daemon.testing.Nginx;
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
import org.junit.jupiter.api.Test;

/**
 * Issue 3, check 4: the seed scenarios on the real daemon, two jkeepalived nodes on one LAN
 * (lb1 also has an interface {@code trk0} to track, one end of a veth pair): track_script on nginx, track_interface
 * with a weight, a sync group, the dual-master layout, IPv6 with VRRPv3, use_vmac, unicast peers,
 * and notify scripts and the FIFO (argv and lines compared with keepalived 2.2.7's own).
 */
class SeedScenariosIT {
    private static final String VIP = "192.0.2.100";
    private static final String VIP2 = "192.0.2.101";
    private static final Duration ELECTION = Duration.ofSeconds(15);

    private static Topology lan;
    private static Node lb1;
    private static Node lb2;
    private static Path dir;

    private final java.util.List<AutoCloseable> running = new java.util.ArrayList<>();

    @BeforeAll
    static void lan() {
        dir = TestDirs.create("seed");
        lan = Topology.of("lb1", "lb2");
        lb1 = lan.node("lb1");
        lb2 = lan.node("lb2");
        // No dummy module here: a veth pair inside lb1 serves as the tracked interface.
        lb1.ip("link", "add", "trk0", "type", "veth", "peer", "name", "trk0p");
        lb1.ip("link", "set", "trk0p", "up");
        lb1.ip("link", "set", "trk0", "up");
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
        lb1.ip("link", "set", "trk0", "up");
        lan.restore("lb1");
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }

    private RunningDaemon start(Kind kind, Node node, String test, String config) {
        return keep(RunningDaemon.start(kind, node.ns(), dir.resolve(test).resolve(node.name() + "-" + kind), config));
    }

    private static String instance(String name, int vrid, String state, int priority, String vip, String extra) {
        return "vrrp_instance " + name + " {\n  state " + state + "\n  interface eth0\n  virtual_router_id " + vrid
                + "\n  priority " + priority + "\n  advert_int 1\n" + extra + "  virtual_ipaddress {\n    " + vip
                + " dev eth0\n  }\n}\n";
    }

    private static void awaitOnlyOn(String vip, Node owner, Node other, Duration timeout) {
        Poll.until("VIP " + vip + " on " + owner.name() + " only", timeout, () -> owner.hasAddress(vip) && !other.hasAddress(vip));
    }

    @Test
    void trackScriptOnNginxMovesTheVipWhenNginxStops() {
        Nginx nginx1 = keep(Nginx.start(lb1.ns(), dir.resolve("track-script/nginx1"), "lb1"));
        keep(Nginx.start(lb2.ns(), dir.resolve("track-script/nginx2"), "lb2"));
        RunningDaemon d1 = start(Kind.JKEEPALIVED, lb1, "track-script", Vrrp.example("nginx-pair/lb1.conf"));
        start(Kind.JKEEPALIVED, lb2, "track-script", Vrrp.example("nginx-pair/lb2.conf"));
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
        nginx1.close();
        d1.awaitLog("VRRP_Script\\(chk_nginx\\) failed", Duration.ofSeconds(5));
        d1.awaitLog("\\(VI_1\\) Changing effective priority from 150 to 90", Duration.ofSeconds(3));
        awaitOnlyOn(VIP, lb2, lb1, ELECTION);
        d1.awaitLog("\\(VI_1\\) Master received advert from 192\\.0\\.2\\.12 with higher priority 100, ours 90", Duration.ofSeconds(3));
    }

    @Test
    void trackInterfaceWithAWeightLowersThePriority() {
        String extra = "  track_interface {\n    trk0 weight -60\n  }\n";
        RunningDaemon d1 = start(Kind.JKEEPALIVED, lb1, "track-interface", instance("VI_1", 51, "MASTER", 150, VIP + "/24", extra));
        start(Kind.JKEEPALIVED, lb2, "track-interface", instance("VI_1", 51, "BACKUP", 100, VIP + "/24", ""));
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
        lb1.ip("link", "set", "trk0", "down");
        d1.awaitLog("\\(VI_1\\) Changing effective priority from 150 to 90", Duration.ofSeconds(3));
        awaitOnlyOn(VIP, lb2, lb1, ELECTION);
        assertThat(d1.logLines("Entering FAULT STATE")).as("a weighted interface lowers the priority, no FAULT").isEmpty();
        lb1.ip("link", "set", "trk0", "up");
        d1.awaitLog("\\(VI_1\\) Changing effective priority from 90 to 150", Duration.ofSeconds(3));
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
    }

    @Test
    void syncGroupMovesTwoVipsTogether() {
        String group = "vrrp_sync_group SG1 {\n  group {\n    VI_1\n    VI_2\n  }\n}\n";
        String c1 = group + instance("VI_1", 51, "MASTER", 150, VIP + "/24", "  track_interface {\n    trk0\n  }\n")
                + instance("VI_2", 52, "MASTER", 150, VIP2 + "/24", "");
        String c2 = group + instance("VI_1", 51, "BACKUP", 100, VIP + "/24", "")
                + instance("VI_2", 52, "BACKUP", 100, VIP2 + "/24", "");
        RunningDaemon d1 = start(Kind.JKEEPALIVED, lb1, "sync-group", c1);
        start(Kind.JKEEPALIVED, lb2, "sync-group", c2);
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
        awaitOnlyOn(VIP2, lb1, lb2, ELECTION);
        lb1.ip("link", "set", "trk0", "down"); // only VI_1 tracks it: the group takes VI_2 along
        d1.awaitLog("VRRP_Group\\(SG1\\) Syncing instances to FAULT state", Duration.ofSeconds(3));
        awaitOnlyOn(VIP, lb2, lb1, ELECTION);
        awaitOnlyOn(VIP2, lb2, lb1, ELECTION);
        lb1.ip("link", "set", "trk0", "up");
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
        awaitOnlyOn(VIP2, lb1, lb2, ELECTION);
    }

    @Test
    void dualMasterLayoutGivesEachNodeOneVip() {
        String c1 = instance("VI_1", 51, "MASTER", 150, VIP + "/24", "") + instance("VI_2", 52, "BACKUP", 100, VIP2 + "/24", "");
        String c2 = instance("VI_1", 51, "BACKUP", 100, VIP + "/24", "") + instance("VI_2", 52, "MASTER", 150, VIP2 + "/24", "");
        start(Kind.JKEEPALIVED, lb1, "dual-master", c1);
        start(Kind.JKEEPALIVED, lb2, "dual-master", c2);
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
        awaitOnlyOn(VIP2, lb2, lb1, ELECTION);
        lan.cut("lb1");
        awaitOnlyOn(VIP, lb2, lb1, ELECTION);
        assertThat(lb2.hasAddress(VIP2)).isTrue();
        lan.restore("lb1");
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
        awaitOnlyOn(VIP2, lb2, lb1, ELECTION);
    }

    @Test
    void ipv6VipWithVrrpV3AndUnsolicitedNeighbourAdverts() {
        String vip6 = "2001:db8::100";
        Capture capture = keep(lan.capture(dir.resolve("ipv6.pcap")));
        start(Kind.JKEEPALIVED, lb1, "ipv6", instance("VI_6", 61, "MASTER", 150, vip6 + "/64", ""));
        start(Kind.JKEEPALIVED, lb2, "ipv6", instance("VI_6", 61, "BACKUP", 100, vip6 + "/64", ""));
        awaitOnlyOn(vip6, lb1, lb2, ELECTION);
        Poll.until("an unsolicited NA for the VIP", Duration.ofSeconds(3), () -> !capture.packets(p -> p.isNaFor(vip6)).isEmpty());
        List<Packet> adverts = capture.packets(p -> p.isVrrp(61));
        assertThat(adverts).isNotEmpty().allSatisfy(p -> {
            assertThat(p.vrrpVersion()).isEqualTo(3);
            assertThat(p.source()).startsWith("fe80:");
            assertThat(p.destination()).isEqualTo("ff02::12");
        });
        lan.cut("lb1");
        awaitOnlyOn(vip6, lb2, lb1, ELECTION);
    }

    @Test
    void useVmacSendsFromTheVirtualMacOnAMacvlan() {
        String extra = "  use_vmac\n";
        Capture capture = keep(lan.capture(dir.resolve("vmac.pcap")));
        start(Kind.JKEEPALIVED, lb1, "vmac", instance("VI_1", 51, "MASTER", 150, VIP + "/24", extra));
        start(Kind.JKEEPALIVED, lb2, "vmac", instance("VI_1", 51, "BACKUP", 100, VIP + "/24", extra));
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
        assertThat(lb1.ip("-o", "link", "show", "vrrp.51")).contains("00:00:5e:00:01:33");
        assertThat(lb1.ip("-o", "addr", "show", "dev", "vrrp.51")).contains(VIP);
        Poll.until("adverts from the virtual MAC", Duration.ofSeconds(3),
                () -> !capture.packets(p -> p.isVrrp(51) && p.ethSource().equals("00:00:5e:00:01:33")).isEmpty());
        assertThat(capture.packets(p -> p.isVrrp(51) && p.source().equals(lb1.ipv4())))
                .allSatisfy(p -> assertThat(p.ethSource()).isEqualTo("00:00:5e:00:01:33"));
        lan.cut("lb1");
        awaitOnlyOn(VIP, lb2, lb1, ELECTION);
    }

    @Test
    void unicastPeersElectAndFailOver() {
        Capture capture = keep(lan.capture(dir.resolve("unicast.pcap")));
        String u1 = "  unicast_src_ip " + lb1.ipv4() + "\n  unicast_peer {\n    " + lb2.ipv4() + "\n  }\n";
        String u2 = "  unicast_src_ip " + lb2.ipv4() + "\n  unicast_peer {\n    " + lb1.ipv4() + "\n  }\n";
        start(Kind.JKEEPALIVED, lb1, "unicast", instance("VI_1", 51, "MASTER", 150, VIP + "/24", u1));
        start(Kind.JKEEPALIVED, lb2, "unicast", instance("VI_1", 51, "BACKUP", 100, VIP + "/24", u2));
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
        Poll.until("unicast adverts to lb2", Duration.ofSeconds(3),
                () -> capture.packets(p -> p.isVrrp(51) && p.destination().equals(lb2.ipv4())).size() >= 2);
        assertThat(capture.packets(p -> p.isVrrp(51))).as("no multicast advert").noneMatch(p -> p.destination().equals("224.0.0.18"));
        lan.cut("lb1");
        awaitOnlyOn(VIP, lb2, lb1, ELECTION);
        lan.restore("lb1");
        awaitOnlyOn(VIP, lb1, lb2, ELECTION);
    }

    @Test
    void notifyScriptsAndFifoMatchKeepalived() throws Exception {
        List<String> ours = notifyRecord(Kind.JKEEPALIVED);
        List<String> theirs = notifyRecord(Kind.KEEPALIVED);
        assertThat(ours).as("notify argv and FIFO lines, jkeepalived vs keepalived 2.2.7").isEqualTo(theirs);
        assertThat(ours).contains("notify_master argc=0", "notify INSTANCE VI_1 MASTER 150", "fifo INSTANCE \"VI_1\" MASTER 150",
                "notify INSTANCE VI_1 STOP 150", "fifo INSTANCE \"VI_1\" STOP 150");
    }

    /**
     * Runs {@code kind} alone on lb1 until MASTER, then SIGTERM; returns what its notify scripts
     * received ("NAME argc=N" / "notify ARGS") and its FIFO lines ("fifo LINE"), each kind in order.
     */
    private List<String> notifyRecord(Kind kind) throws IOException {
        Path d = dir.resolve("notify-" + kind);
        Files.createDirectories(d);
        Path out = d.resolve("notify.out");
        Path script = d.resolve("record.sh");
        Files.writeString(script, "#!/bin/sh\nname=$1; shift\nif [ \"$name\" = notify ]; then echo \"notify $*\" >> " + out
                + "; else echo \"$name argc=$#\" >> " + out + "; fi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fifo = d.resolve("notify.fifo");
        String extra = "  notify_master \"" + script + " notify_master\"\n  notify_backup \"" + script + " notify_backup\"\n"
                + "  notify_stop \"" + script + " notify_stop\"\n  notify \"" + script + " notify\"\n";
        String config = "global_defs {\n  vrrp_notify_fifo " + fifo + "\n  script_user root\n}\n"
                + instance("VI_1", 51, "MASTER", 150, VIP + "/24", extra);
        RunningDaemon daemon = start(kind, lb1, "notify", config);
        Poll.until(kind + " creating its FIFO", Duration.ofSeconds(10), () -> Files.exists(fifo));
        Path fifoOut = d.resolve("fifo.out");
        Process reader = new ProcessBuilder("cat", fifo.toString()).redirectOutput(fifoOut.toFile()).start();
        try {
            awaitOnlyOn(VIP, lb1, lb2, ELECTION);
            // Both MASTER scripts must have run before the stop: a daemon stopping kills scripts still running.
            Poll.until("notify_master and generic notify MASTER run", Duration.ofSeconds(5),
                    () -> read(out).contains("notify_master argc=0") && read(out).contains("notify INSTANCE VI_1 MASTER"));
            daemon.signal("TERM");
            daemon.awaitExit(Duration.ofSeconds(5));
            Poll.until("notify STOP run", Duration.ofSeconds(5), () -> read(out).contains("STOP"));
            Poll.until("FIFO STOP line", Duration.ofSeconds(5), () -> read(fifoOut).contains("STOP"));
        } finally {
            reader.destroyForcibly();
        }
        List<String> record = new java.util.ArrayList<>(read(out).lines().sorted().toList());
        read(fifoOut).lines().map(l -> "fifo " + l).forEach(record::add);
        return record;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
