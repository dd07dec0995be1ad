package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jkeepalived.daemon.SignalFunction;
import org.jkeepalived.daemon.testing.AdvertSender;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * keepalived's signal dumps, side by side with keepalived 2.2.7 running the same configuration
 * through the same events on lb1: VI_1 (VRRPv2, PASS auth) MASTER, VI_6 (VRRPv3, IPv6) BACKUP to a
 * priority-200 jkeepalived on lb2; hostile adverts from mallory (wrong password, wrong TTL,
 * truncated, CARP); VI_1's VIP deleted by another process. Then SIGUSR2 ({@code keepalived.stats}:
 * every line equal except the advert counts, which depend on elapsed time), SIGUSR1 (the instance
 * blocks of {@code keepalived.data}: state, priorities, timers, VIPs) and SIGRTMIN+2
 * ({@code keepalived.json}, sent to jkeepalived through its launcher's signalfd path: equal except
 * times and advert counts).
 */
class DumpsComparisonIT {
    private static final Duration ELECTION = Duration.ofSeconds(15);
    private static final String VIP = "192.0.2.100";
    private static final String VIP6 = "2001:db8::100";

    private static Topology lan;
    private static Node lb1;
    private static Node lb2;
    private static Node mallory;
    private static Path dir;

    @BeforeAll
    static void lan() {
        dir = TestDirs.create("dumps");
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

    private record Dumps(List<String> stats, List<String> data, String json) {
    }

    @Test
    void statsDataAndJsonMatchKeepalived() {
        String peer = ipv6Instance("MASTER", 200);
        try (RunningDaemon master = RunningDaemon.start(Kind.JKEEPALIVED, lb2.ns(), dir.resolve("peer"), peer)) {
            master.awaitLog("\\(VI_6\\) Entering MASTER STATE", ELECTION);
            Dumps theirs = dumpsAfterScenario(Kind.KEEPALIVED);
            Dumps ours = dumpsAfterScenario(Kind.JKEEPALIVED);
            assertThat(ours.stats()).as("keepalived.stats, jkeepalived vs keepalived 2.2.7").isEqualTo(theirs.stats());
            assertThat(ours.data()).as("keepalived.data instance blocks").isEqualTo(theirs.data());
            assertThat(ours.json()).as("keepalived.json").isEqualTo(theirs.json());
            assertThat(theirs.stats()).contains("    Failure: 3", "    TTL: 2", "  Released master: 1", "    Sent: 1");
        }
    }

    private static String ipv6Instance(String state, int priority) {
        return "vrrp_instance VI_6 {\n  state " + state + "\n  interface eth0\n  virtual_router_id 52\n  priority " + priority
                + "\n  version 3\n  advert_int 1\n  virtual_ipaddress {\n    " + VIP6 + "/64 dev eth0\n  }\n}\n";
    }

    private static Dumps dumpsAfterScenario(Kind kind) {
        String config = "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 150\n"
                + "  advert_int 1\n  authentication {\n    auth_type PASS\n    auth_pass interop1\n  }\n"
                + "  virtual_ipaddress {\n    " + VIP + "/24 dev eth0\n  }\n}\n" + ipv6Instance("BACKUP", 100);
        try (RunningDaemon d = RunningDaemon.start(kind, lb1.ns(), dir.resolve(kind.name().toLowerCase()), config)) {
            d.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
            d.awaitLog("\\(VI_6\\) Entering BACKUP STATE", ELECTION);
            Path senderDir = dir.resolve("mallory-" + kind);
            AdvertSender.send(mallory, senderDir, AdvertSender.Kind.WRONG_AUTH, 51, 3, 0);
            AdvertSender.send(mallory, senderDir, AdvertSender.Kind.WRONG_TTL, 51, 2, 0);
            AdvertSender.send(mallory, senderDir, AdvertSender.Kind.TRUNCATED, 51, 2, 0);
            AdvertSender.send(mallory, senderDir, AdvertSender.Kind.CARP, 51, 1, 0);
            lb1.ip("addr", "del", VIP + "/24", "dev", "eth0");
            d.awaitLogCount("\\(VI_1\\) Entering MASTER STATE", 2, Duration.ofSeconds(5));
            Poll.until("VIP restored", Duration.ofSeconds(5), () -> lb1.hasAddress(VIP));
            List<String> stats = d.dump("USR2", "keepalived.stats").lines().toList();
            return new Dumps(maskAdvertCounts(stats), instanceBlocks(d.dump("USR1", "keepalived.data")),
                    maskJson(d.dump(Integer.toString(SignalFunction.JSON.signalNumber()), "keepalived.json")));
        }
    }

    /** The "Advertisements:" Received/Sent values depend on elapsed time; every other line must match. */
    private static List<String> maskAdvertCounts(List<String> stats) {
        List<String> masked = new ArrayList<>();
        boolean inAdverts = false;
        for (String line : stats) {
            if (line.equals("  Advertisements:")) {
                inAdverts = true;
            } else if (!line.startsWith("    ")) {
                inAdverts = false;
            }
            masked.add(inAdverts && line.matches("    (Received|Sent): \\d+") ? line.replaceAll("\\d+$", "N") : line);
        }
        return masked;
    }

    /** From keepalived.data: the instance lines both dumps are meant to share, per instance. */
    private static List<String> instanceBlocks(String data) {
        List<String> kept = new ArrayList<>();
        boolean inInstance = false;
        for (String line : data.lines().toList()) {
            if (line.startsWith(" VRRP Instance = ")) {
                inInstance = true;
                kept.add(line);
                continue;
            }
            if (!line.startsWith("   ")) {
                inInstance = false;
            }
            if (inInstance && (line.matches("   (VRRP Version|Sync group|State|Wantstate|Master down timer|Interface"
                    + "|Virtual Router ID|Priority|Effective priority|Advert interval|Master advert interval"
                    + "|Master priority|Master advert int) = .*") || line.equals("   Using Native IPv6")
                    || line.startsWith("   Virtual IP") || line.startsWith("     "))) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** keepalived.json without the values that depend on time: transition times and advert counts. */
    private static String maskJson(String json) {
        return json.strip().replaceAll("\"last_transition\":[0-9.]+", "\"last_transition\":T")
                .replaceAll("\"advert_(rcvd|sent)\":\\d+", "\"advert_$1\":N");
    }
}
