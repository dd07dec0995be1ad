package org.jkeepalived.daemon.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.daemon.doctor.DoctorConfigs.VIP;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jkeepalived.daemon.testing.Netns;
import org.jkeepalived.daemon.testing.Nginx;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.ProcessResult;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.junit.jupiter.api.Test;

/**
 * {@code jkeepalived doctor} on a node whose own settings hold the trap: firewall rules (nft and
 * iptables) dropping VRRP, strict reverse-path filtering against the peer's route, arp_ignore=8,
 * nginx on the VIP with ip_nonlocal_bind=0, and keepalived 2.2.7's vrrp_strict table making the
 * VIP unreachable. Where the trap's effect can be shown, it is shown before the doctor runs.
 */
class DoctorHostIT {
    private static final String LISTEN = "0.5";

    @Test
    void nftDroppingAdvertsInAndOutIsJka020AndJka021() throws IOException {
        Path dir = TestDirs.create("doctor-jka020-nft");
        try (Topology lan = Topology.of("lb1")) {
            Netns ns = lan.node("lb1").ns();
            Path rules = dir.resolve("rules.nft");
            Files.writeString(rules, String.join("\n", "table inet fw {", "  chain input {",
                    "    type filter hook input priority 0; policy drop;", "    ct state established,related accept",
                    "    iifname \"lo\" accept", "    tcp dport 22 accept", "  }", "  chain output {",
                    "    type filter hook output priority 0; policy accept;", "    oifname \"eth0\" ip protocol vrrp drop",
                    "  }", "}", ""), StandardCharsets.UTF_8);
            exec(ns, "nft", "-f", rules.toString());
            DoctorRun run = DoctorRun.run(ns, dir.resolve("doctor"), DoctorConfigs.instance(51, 100), "--listen", LISTEN);
            assertThat(run.codes()).as("%s", run).containsExactly("JKA020", "JKA021");
            assertThat((String) run.finding("JKA020").get("message")).contains("224.0.0.18", "eth0",
                    "nft table inet fw chain input policy drop");
            assertThat((String) run.finding("JKA021").get("message")).contains("oifname == eth0 ip protocol == vrrp drop");
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void iptablesDroppingProtocol112IsJka020() {
        Path dir = TestDirs.create("doctor-jka020-iptables");
        try (Topology lan = Topology.of("lb1")) {
            Netns ns = lan.node("lb1").ns();
            exec(ns, "iptables", "-A", "INPUT", "-i", "eth0", "-p", "112", "-j", "DROP");
            DoctorRun run = DoctorRun.run(ns, dir.resolve("doctor"), DoctorConfigs.instance(51, 100), "--listen", LISTEN);
            assertThat(run.codes()).as("%s", run).containsExactly("JKA020");
            assertThat((String) run.finding("JKA020").get("message"))
                    .contains("iptables table filter chain INPUT: -A INPUT -i eth0 -p vrrp -j DROP");
        }
    }

    @Test
    void strictRpFilterAgainstThePeersRouteIsJka030() {
        Path dir = TestDirs.create("doctor-jka030");
        try (Topology lan = Topology.of("lb1")) {
            Node lb1 = lan.node("lb1");
            Netns ns = lb1.ns();
            // the peer's source is routed out of another interface, as on a multi-homed node
            ns.ip("link", "add", "eth1", "type", "veth", "peer", "name", "eth2");
            ns.ip("addr", "add", "198.51.100.1/24", "dev", "eth1");
            ns.ip("link", "set", "eth1", "up");
            ns.ip("link", "set", "eth2", "up");
            String config = DoctorConfigs.instance(51, 100, VIP, "", "  unicast_src_ip " + lb1.ipv4()
                    + "\n  unicast_peer {\n    198.51.100.12\n  }\n");
            DoctorRun loose = DoctorRun.run(ns, dir.resolve("doctor-off"), config, "--listen", LISTEN);
            assertThat(loose.codes()).as("rp_filter off: %s", loose).isEmpty();
            sysctl(ns, "net.ipv4.conf.all.rp_filter", "1");
            DoctorRun strict = DoctorRun.run(ns, dir.resolve("doctor-strict"), config, "--listen", LISTEN);
            assertThat(strict.codes()).as("%s", strict).containsExactly("JKA030");
            assertThat((String) strict.finding("JKA030").get("message")).contains("rp_filter=1", "198.51.100.12", "eth0");
        }
    }

    @Test
    void arpIgnore8MakesTheVipUnreachableAndIsJka031() {
        Path dir = TestDirs.create("doctor-jka031");
        try (Topology lan = Topology.of("lb1", "client")) {
            Node lb1 = lan.node("lb1");
            lb1.ip("addr", "add", VIP + "/24", "dev", "eth0");
            try (Nginx nginx = Nginx.start(lb1.ns(), dir.resolve("nginx"), "lb1")) {
                Poll.until("the client reaching the VIP", Duration.ofSeconds(10),
                        () -> curl(lan.node("client").ns(), VIP).equals("node lb1"));
                sysctl(lb1.ns(), "net.ipv4.conf.all.arp_ignore", "8");
                lan.node("client").ip("neigh", "flush", "all");
                assertThat(curl(lan.node("client").ns(), VIP)).as("the trap: no ARP answer for the VIP").isEmpty();
                DoctorRun run = DoctorRun.run(lb1.ns(), dir.resolve("doctor"), DoctorConfigs.instance(51, 100),
                        "--listen", LISTEN);
                assertThat(run.codes()).as("%s", run).containsExactly("JKA031");
                assertThat((String) run.finding("JKA031").get("message")).contains("arp_ignore=8", VIP);
            }
        }
    }

    @Test
    void nginxOnTheVipWithNonlocalBindOffIsJka040OnMasterAndBackup() throws Exception {
        Path dir = TestDirs.create("doctor-jka040");
        try (Topology lan = Topology.of("lb1")) {
            Node lb1 = lan.node("lb1");
            lb1.ip("addr", "add", VIP + "/24", "dev", "eth0");
            Path nginxDir = dir.resolve("nginx");
            try (Nginx nginx = Nginx.startOn(lb1.ns(), nginxDir, "lb1", VIP)) {
                DoctorRun master = DoctorRun.run(lb1.ns(), dir.resolve("doctor-master"), DoctorConfigs.instance(51, 100),
                        "--listen", LISTEN);
                assertThat(master.codes()).as("%s", master).containsExactly("JKA040");
                assertThat((String) master.finding("JKA040").get("message"))
                        .contains("nginx", nginxDir.resolve("nginx.conf").toString(), VIP + ":80",
                                "net.ipv4.ip_nonlocal_bind=0");
            }
            lb1.ip("addr", "del", VIP + "/24", "dev", "eth0");
            ProcessResult start = nginxWithoutTheVip(lb1.ns(), nginxDir);
            assertThat(start.exitCode()).as("the trap: nginx cannot start on the backup").isNotZero();
            assertThat(Files.readString(nginxDir.resolve("error.log"))).contains("Cannot assign requested address");
            DoctorRun backup = DoctorRun.run(lb1.ns(), dir.resolve("doctor-backup"), DoctorConfigs.instance(51, 100),
                    "--listen", LISTEN, "--nginx-config", nginxDir.resolve("nginx.conf").toString());
            assertThat(backup.codes()).as("%s", backup).containsExactly("JKA040");
            sysctl(lb1.ns(), "net.ipv4.ip_nonlocal_bind", "1");
            DoctorRun fixed = DoctorRun.run(lb1.ns(), dir.resolve("doctor-fixed"), DoctorConfigs.instance(51, 100),
                    "--listen", LISTEN, "--nginx-config", nginxDir.resolve("nginx.conf").toString());
            assertThat(fixed.codes()).as("%s", fixed).isEmpty();
        }
    }

    @Test
    void keepalivedVrrpStrictTableMakingTheVipUnreachableIsJka050() {
        Path dir = TestDirs.create("doctor-jka050");
        String config = DoctorConfigs.instance(51, 150, VIP, "  vrrp_strict\n", "");
        try (Topology lan = Topology.of("lb1", "client")) {
            Node lb1 = lan.node("lb1");
            try (Nginx nginx = Nginx.start(lb1.ns(), dir.resolve("nginx"), "lb1");
                 RunningDaemon keepalived = RunningDaemon.start(Kind.KEEPALIVED, lb1.ns(), dir.resolve("keepalived"),
                         config)) {
                keepalived.awaitLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(20));
                Poll.until("the VIP on lb1", Duration.ofSeconds(10), () -> lb1.hasAddress(VIP));
                Poll.until("the client reaching lb1's own address", Duration.ofSeconds(10),
                        () -> curl(lan.node("client").ns(), lb1.ipv4()).equals("node lb1"));
                assertThat(curl(lan.node("client").ns(), VIP)).as("the trap: the VIP does not answer").isEmpty();
                DoctorRun run = DoctorRun.run(lb1.ns(), dir.resolve("doctor"), config, "--listen", LISTEN);
                assertThat(run.codes()).as("%s", run).containsExactly("JKA050");
                assertThat((String) run.finding("JKA050").get("message"))
                        .contains("nft table ip keepalived chain in: ip daddr == @vips drop", "vrrp_strict");
            }
        }
    }

    private static ProcessResult nginxWithoutTheVip(Netns ns, Path nginxDir) {
        List<String> argv = new ArrayList<>(ns.execPrefix());
        argv.addAll(List.of("nginx", "-e", nginxDir + "/error.log", "-p", nginxDir.toString(), "-c",
                nginxDir.resolve("nginx.conf").toString()));
        return ProcessResult.run(argv, null, Duration.ofSeconds(20));
    }

    private static String curl(Netns ns, String address) {
        List<String> argv = new ArrayList<>(ns.execPrefix());
        argv.addAll(List.of("curl", "-s", "--max-time", "1", "http://" + address + "/"));
        ProcessResult r = ProcessResult.run(argv, null, Duration.ofSeconds(5));
        return r.exitCode() == 0 ? r.stdout().trim() : "";
    }

    private static void sysctl(Netns ns, String key, String value) {
        exec(ns, "sysctl", "-q", "-w", key + "=" + value);
    }

    private static void exec(Netns ns, String... command) {
        List<String> argv = new ArrayList<>(ns.execPrefix());
        argv.addAll(List.of(command));
        Netns.run(argv.toArray(String[]::new));
    }
}
