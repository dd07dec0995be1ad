package org.jkeepalived.daemon.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.daemon.doctor.DoctorConfigs.VIP;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.Nginx;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.jkeepalived.daemon.testing.Vrrp;
import org.junit.jupiter.api.Test;

/**
 * {@code jkeepalived doctor} on a LAN of namespaces (a bridge and two nodes) where each segment
 * trap is really set up: a clean nginx pair, another VRRP router (keepalived 2.2.7) on our VRID,
 * multicast filtered by the switch (two masters; a master whose adverts never arrive), and a VRRP
 * listener without the multicast group joined. Each trap must show its code.
 */
class DoctorSegmentIT {
    private static final Duration ELECTION = Duration.ofSeconds(20);

    @Test
    void theExampleNginxPairRunningCleanlyHasNoFindings() {
        Path dir = TestDirs.create("doctor-clean");
        try (Topology lan = Topology.of("lb1", "lb2");
             Nginx nginx1 = Nginx.start(lan.node("lb1").ns(), dir.resolve("nginx1"), "lb1");
             Nginx nginx2 = Nginx.start(lan.node("lb2").ns(), dir.resolve("nginx2"), "lb2");
             RunningDaemon d1 = RunningDaemon.start(Kind.JKEEPALIVED, lan.node("lb1").ns(), dir.resolve("lb1"),
                     Vrrp.example("nginx-pair/lb1.conf"));
             RunningDaemon d2 = RunningDaemon.start(Kind.JKEEPALIVED, lan.node("lb2").ns(), dir.resolve("lb2"),
                     Vrrp.example("nginx-pair/lb2.conf"))) {
            Node lb1 = lan.node("lb1");
            Node lb2 = lan.node("lb2");
            Poll.until("VIP on lb1 only", ELECTION, () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
            d2.awaitLog("\\(VI_1\\) Entering BACKUP STATE", ELECTION);
            DoctorRun onBackup = DoctorRun.run(lb2.ns(), dir.resolve("doctor-lb2"), Vrrp.example("nginx-pair/lb2.conf"));
            DoctorRun onMaster = DoctorRun.run(lb1.ns(), dir.resolve("doctor-lb1"), Vrrp.example("nginx-pair/lb1.conf"));
            assertThat(onBackup.findings()).as("%s", onBackup).isEmpty();
            assertThat(onBackup.exitCode()).isZero();
            assertThat(onMaster.findings()).as("%s", onMaster).isEmpty();
            assertThat(onMaster.exitCode()).isZero();
            assertThat(d1.isAlive() && d2.isAlive()).isTrue();
        }
    }

    @Test
    void anotherRouterOnOurVridWithOtherVipsIsJka001() {
        Path dir = TestDirs.create("doctor-jka001");
        try (Topology lan = Topology.of("lb1", "other");
             RunningDaemon other = RunningDaemon.start(Kind.KEEPALIVED, lan.node("other").ns(), dir.resolve("other"),
                     DoctorConfigs.instance(51, 200, "192.0.2.200", "", ""))) {
            other.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
            DoctorRun run = DoctorRun.run(lan.node("lb1").ns(), dir.resolve("doctor"), DoctorConfigs.instance(51, 100));
            assertThat(run.codes()).as("%s", run).containsExactly("JKA001");
            assertThat((String) run.finding("JKA001").get("message")).contains(lan.node("other").ipv4(), "VRID 51",
                    "[192.0.2.200]", "[192.0.2.100]");
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void advertsWithOurVipsFromASourceThatIsNotAUnicastPeerAreJka002() {
        Path dir = TestDirs.create("doctor-jka002");
        try (Topology lan = Topology.of("lb1", "other");
             RunningDaemon other = RunningDaemon.start(Kind.KEEPALIVED, lan.node("other").ns(), dir.resolve("other"),
                     DoctorConfigs.instance(51, 200))) {
            other.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
            String unicast = "  unicast_src_ip " + lan.node("lb1").ipv4() + "\n  unicast_peer {\n    192.0.2.13\n  }\n";
            DoctorRun run = DoctorRun.run(lan.node("lb1").ns(), dir.resolve("doctor"),
                    DoctorConfigs.instance(51, 100, VIP, "", unicast), "--listen", "2");
            assertThat(run.codes()).as("%s", run).containsExactly("JKA002");
            assertThat((String) run.finding("JKA002").get("message")).contains(lan.node("other").ipv4(), "192.0.2.13");
            assertThat(run.exitCode()).as("a warning only").isZero();
        }
    }

    @Test
    void twoMastersBecauseTheSwitchFiltersMulticastAreJka010() {
        Path dir = TestDirs.create("doctor-jka010");
        try (Topology lan = Topology.of("lb1", "lb2")) {
            filterMulticast(lan);
            Node lb1 = lan.node("lb1");
            Node lb2 = lan.node("lb2");
            try (RunningDaemon d1 = RunningDaemon.start(Kind.JKEEPALIVED, lb1.ns(), dir.resolve("lb1"),
                    DoctorConfigs.instance(51, 150));
                 RunningDaemon d2 = RunningDaemon.start(Kind.JKEEPALIVED, lb2.ns(), dir.resolve("lb2"),
                         DoctorConfigs.instance(51, 100))) {
                d1.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
                d2.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
                Poll.until("the VIP on both nodes", ELECTION, () -> lb1.hasAddress(VIP) && lb2.hasAddress(VIP));
                DoctorRun run = DoctorRun.run(lb2.ns(), dir.resolve("doctor"), DoctorConfigs.instance(51, 100),
                        "--listen", "2");
                assertThat(run.codes()).as("%s", run).containsExactly("JKA010");
                assertThat((String) run.finding("JKA010").get("message")).contains(lb1.mac(), VIP);
                assertThat((String) run.finding("JKA010").get("fix")).contains("unicast_peer");
                assertThat(run.exitCode()).isEqualTo(1);
            }
        }
    }

    @Test
    void aMasterWhoseAdvertsNeverArriveIsJka011() {
        Path dir = TestDirs.create("doctor-jka011");
        try (Topology lan = Topology.of("lb1", "lb2")) {
            filterMulticast(lan);
            Node lb1 = lan.node("lb1");
            try (RunningDaemon master = RunningDaemon.start(Kind.JKEEPALIVED, lb1.ns(), dir.resolve("lb1"),
                    DoctorConfigs.instance(51, 150))) {
                master.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
                Poll.until("the VIP on lb1", ELECTION, () -> lb1.hasAddress(VIP));
                long start = System.nanoTime();
                DoctorRun run = DoctorRun.run(lan.node("lb2").ns(), dir.resolve("doctor"), DoctorConfigs.instance(51, 100));
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("listened a whole Master_Down_Interval").isGreaterThan(Duration.ofMillis(3600));
                assertThat(run.codes()).as("%s", run).containsExactly("JKA011");
                assertThat((String) run.finding("JKA011").get("message")).contains(lb1.mac(), "VRID 51");
            }
        }
    }

    @Test
    void aVrrpListenerWithoutTheGroupJoinedIsJka012() throws Exception {
        Path dir = TestDirs.create("doctor-jka012");
        try (Topology lan = Topology.of("lb1")) {
            Netns ns = lan.node("lb1").ns();
            List<String> argv = new java.util.ArrayList<>(ns.execPrefix());
            // a VRRP receiver that never joined 224.0.0.18 on eth0: a raw protocol-112 socket, nothing more
            argv.addAll(List.of("/usr/bin/python3", "-c",
                    "import socket,time\ns=socket.socket(socket.AF_INET,socket.SOCK_RAW,112)\ntime.sleep(120)"));
            Process listener = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("listener.out").toFile()).start();
            try {
                Poll.until("the raw socket in /proc/net/raw", Duration.ofSeconds(10), () -> rawSocketOpen(ns));
                DoctorRun run = DoctorRun.run(ns, dir.resolve("doctor"), DoctorConfigs.instance(51, 100),
                        "--listen", "0.5");
                assertThat(run.codes()).as("%s", run).containsExactly("JKA012");
                assertThat((String) run.finding("JKA012").get("message")).contains("224.0.0.18", "eth0");
            } finally {
                listener.destroyForcibly();
                listener.waitFor();
            }
        }
    }

    /** The switch stops flooding multicast to both nodes' ports (as IGMP snooping or a cloud network would). */
    private static void filterMulticast(Topology lan) {
        for (String node : List.of("lb1", "lb2")) {
            lan.switchNs().ip("link", "set", "dev", lan.node(node).switchPort(), "type", "bridge_slave",
                    "mcast_flood", "off");
        }
    }

    private static boolean rawSocketOpen(Netns ns) {
        List<String> argv = new java.util.ArrayList<>(ns.execPrefix());
        argv.addAll(List.of("cat", "/proc/net/raw"));
        return Multicast.vrrpSocketOpen(List.of(Netns.run(argv.toArray(String[]::new)).split("\n")));
    }
}
