package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jkeepalived.daemon.testing.Capture;
import org.jkeepalived.daemon.testing.Capture.Packet;
import org.jkeepalived.daemon.testing.Jkeepalived;
import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.ProcessResult;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.StatusScraper;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.jkeepalived.daemon.testing.Vrrp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, items 3 and 5 with real daemons: {@code jkeepalived status} against a running daemon,
 * planned handover ({@code demote}, {@code promote}, {@code demote --for}) with a jkeepalived peer
 * and with a keepalived 2.2.7 peer judged on the wire (the old master's priority-0 advert, then the
 * new master's first advert Skew_Time later, so at most one advert interval plus Skew_Time after
 * the old master's last normal advert), and {@code /metrics} scraped in a tight loop during the
 * interop handover, its counters checked against keepalived's own SIGUSR2 statistics.
 */
class ControlIT {
    private static final String VIP = "192.0.2.100";
    private static final int VRID = 51;
    private static final int HTTP_PORT = 9650;
    private static final long TOLERANCE_NANOS = 10_000_000L;
    /** keepalived's own timing is not under test; this only catches a gross misreading of our adverts. */
    private static final long THEIR_TOLERANCE_NANOS = 50_000_000L;
    private static final long ADVERT_NANOS = 1_000_000_000L;
    private static final Duration ELECTION = Duration.ofSeconds(15);

    private static Path dir;
    private static Topology lan;
    private static Node lb1;
    private static Node lb2;

    private RunningDaemon daemon1;
    private RunningDaemon daemon2;
    private Capture capture;
    /** When the peer was started (epoch nanoseconds, the capture's clock). */
    private long daemon2StartEpochNanos;

    @BeforeAll
    static void lan() {
        dir = TestDirs.create("control");
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
        try (RunningDaemon d1 = daemon1; RunningDaemon d2 = daemon2; Capture c = capture) {
            // closing is the point
        }
    }

    static String config(String routerId, String state, int priority) {
        return """
                global_defs {
                    router_id %s
                }
                vrrp_instance VI_1 {
                    state %s
                    interface eth0
                    virtual_router_id %d
                    priority %d
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass opsapi1
                    }
                    virtual_ipaddress {
                        %s/24 dev eth0
                    }
                }
                """.formatted(routerId, state, VRID, priority, VIP);
    }

    private void startPair(String name, Kind peer, String... lb1Args) {
        capture = lan.capture(dir.resolve(name + ".pcap"));
        daemon1 = RunningDaemon.start(Kind.JKEEPALIVED, lb1.ns(), dir.resolve(name + "-lb1"),
                config("lb1", "MASTER", 150), lb1Args);
        daemon1.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
        daemon2StartEpochNanos = System.currentTimeMillis() * 1_000_000L;
        daemon2 = RunningDaemon.start(peer, lb2.ns(), dir.resolve(name + "-lb2"), config("lb2", "BACKUP", 100));
        daemon2.awaitLog("\\(VI_1\\) Entering BACKUP STATE", ELECTION);
        Poll.until("VIP on lb1 only", ELECTION, () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        long backupUpNanos = System.currentTimeMillis() * 1_000_000L;
        Poll.until("two adverts from lb1 heard by lb2", Duration.ofSeconds(5),
                () -> vrrpFrom(lb1).stream().filter(p -> p.epochNanos() > backupUpNanos).count() >= 2);
    }

    @Test
    void statusDemotePromoteAndTimedDemotionWithAJkeepalivedPeer() {
        startPair("jk", Kind.JKEEPALIVED);
        String status1 = cli("status", "--control-socket", daemon1.controlSocket().toString());
        assertThat(status1).contains("VI_1", "MASTER", "150/150", "192.0.2.11", VIP + "/24*", "3.41s");
        String status2 = cli("status", "--control-socket", daemon2.controlSocket().toString());
        assertThat(status2).contains("BACKUP", "100/100", "192.0.2.11", VIP + "/24");
        assertThat(status2).doesNotContain(VIP + "/24*");

        String reply = cli("demote", "VI_1", "--control-socket", daemon1.controlSocket().toString());
        assertThat(reply).startsWith("OK VI_1 demoted until promoted (VI_1 BACKUP priority 1)");
        judgeHandover(lb2, TOLERANCE_NANOS, 0);
        daemon1.awaitLog("\\(VI_1\\) Demoted by the administrator - effective priority 1",
                Duration.ofSeconds(1));
        assertThat(cli("status", "--control-socket", daemon1.controlSocket().toString()))
                .contains("1/150 demoted", "192.0.2.12");
        // A demoted BACKUP never preempts: watch beyond its Master_Down_Interval at priority 1.
        Poll.holdsFor("lb2 stays master while lb1 is demoted", Duration.ofMillis(Vrrp.masterDownV2Nanos(1, 1) / 1_000_000
                + 500), () -> lb2.hasAddress(VIP) && !lb1.hasAddress(VIP));

        assertThat(cli("promote", "VI_1", "--control-socket", daemon1.controlSocket().toString()))
                .startsWith("OK VI_1 promoted (VI_1 BACKUP priority 150)");
        Poll.until("lb1 preempts after the promotion", Duration.ofSeconds(8),
                () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        daemon2.awaitLog("Master received advert from 192\\.0\\.2\\.11 with higher priority 150, ours 100",
                Duration.ofSeconds(3));

        awaitAdvertsFrom(lb1, 2);
        assertThat(cli("demote", "VI_1", "--for", "3s", "--control-socket", daemon1.controlSocket().toString()))
                .startsWith("OK VI_1 demoted for 3 s");
        judgeHandover(lb2, TOLERANCE_NANOS, 1);
        daemon1.awaitLog("\\(VI_1\\) demotion of 3 s ended - promoting", Duration.ofSeconds(6));
        Poll.until("lb1 master again after the timed demotion", Duration.ofSeconds(8),
                () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));

        ProcessResult unknown = Jkeepalived.run(null, dir, "demote", "VI_9", "--control-socket",
                daemon1.controlSocket().toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("ERROR no VRRP instance or sync group named VI_9");
    }

    @Test
    void demoteAndPromoteWithAKeepalivedPeerWhileMetricsAreScrapedAndCountersAgree() {
        startPair("ka", Kind.KEEPALIVED, "--http-listen", Integer.toString(HTTP_PORT));
        StatusScraper scraper = StatusScraper.start(lb1.ns(), HTTP_PORT, dir.resolve("ka-scraper"), 1_000_000);
        try (scraper) {
            Poll.until("scrapes answered", Duration.ofSeconds(5), () -> scraper.requests().size() >= 20);
            assertThat(cli("demote", "VI_1", "--control-socket", daemon1.controlSocket().toString()))
                    .startsWith("OK VI_1 demoted");
            judgeHandover(lb2, THEIR_TOLERANCE_NANOS, 0);
            Poll.until("keepalived advertising as master", Duration.ofSeconds(3), () -> vrrpFrom(lb2).size() >= 3);
            assertThat(cli("promote", "VI_1", "--control-socket", daemon1.controlSocket().toString()))
                    .startsWith("OK VI_1 promoted");
            Poll.until("lb1 preempts keepalived", Duration.ofSeconds(8), () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
            daemon2.awaitLog("\\(VI_1\\) Entering BACKUP STATE", Duration.ofSeconds(3));
            List<StatusScraper.Request> requests = scraper.stop();
            assertThat(requests).as("scrapes during the handover").hasSizeGreaterThan(100);
            assertThat(requests).as("every scrape answered 200").allMatch(r -> r.status() == 200);
        }
        // keepalived is BACKUP and silent now: its sent counters and our received ones are final.
        Map<String, Long> theirs = keepalivedStats(daemon2.statsDump());
        String metrics = StatusScraper.fetch(lb1.ns(), HTTP_PORT, "/metrics");
        keep("ka-lb1/metrics.txt", metrics);
        keep("ka-lb1/status.json", StatusScraper.fetch(lb1.ns(), HTTP_PORT, "/status"));
        keep("ka-lb1/status.txt", cli("status", "--control-socket", daemon1.controlSocket().toString()));
        Map<String, Long> ours = ourCounters(metrics);
        assertThat(ours.get("advert_rcvd")).as("our advert_rcvd vs keepalived's advert_sent")
                .isEqualTo(theirs.get("advert_sent"));
        assertThat(ours.get("pri_zero_sent")).as("our pri_zero_sent vs keepalived's pri_zero_rcvd")
                .isEqualTo(theirs.get("pri_zero_rcvd")).isEqualTo(1);
        assertThat(ours.get("release_master")).as("our release_master vs keepalived's become_master")
                .isEqualTo(theirs.get("become_master")).isEqualTo(1);
        assertThat(ours.get("become_master") - 1).as("our preemptions vs keepalived's release_master")
                .isEqualTo(theirs.get("release_master")).isEqualTo(1);
        // We keep advertising: ours may be ahead by the adverts sent before keepalived listened and in flight.
        long before = vrrpFrom(lb1).stream().filter(p -> p.priority() == 150
                && p.epochNanos() < daemon2StartEpochNanos).count();
        long ahead = ours.get("advert_sent") - theirs.get("advert_rcvd");
        assertThat(ahead).as("our advert_sent minus keepalived's advert_rcvd (%d sent before keepalived started)",
                before).isBetween(0L, before + 3);
        assertThat(keepalivedErrors(theirs)).as("keepalived's error counters").isZero();
    }

    /** Two instances in a sync group on each node: the group is demoted and promoted by its name. */
    static String groupConfig(String routerId, String state, int priority) {
        StringBuilder c = new StringBuilder("global_defs {\n    router_id " + routerId + "\n}\n"
                + "vrrp_sync_group SG1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\n");
        for (int i = 1; i <= 2; i++) {
            c.append("""
                    vrrp_instance VI_%d {
                        state %s
                        interface eth0
                        virtual_router_id %d
                        priority %d
                        advert_int 1
                        virtual_ipaddress {
                            192.0.2.%d/24 dev eth0
                        }
                    }
                    """.formatted(i, state, VRID + i - 1, priority, 99 + i));
        }
        return c.toString();
    }

    @Test
    void syncGroupIsDemotedAndPromotedByItsNameAndADemotionSurvivesAReload() {
        capture = lan.capture(dir.resolve("group.pcap"));
        daemon1 = RunningDaemon.start(Kind.JKEEPALIVED, lb1.ns(), dir.resolve("group-lb1"),
                groupConfig("lb1", "MASTER", 150));
        daemon1.awaitLogCount("\\(VI_\\d\\) Entering MASTER STATE", 2, ELECTION);
        daemon2 = RunningDaemon.start(Kind.JKEEPALIVED, lb2.ns(), dir.resolve("group-lb2"),
                groupConfig("lb2", "BACKUP", 100));
        daemon2.awaitLogCount("\\(VI_\\d\\) Entering BACKUP STATE", 2, ELECTION);
        Poll.until("both VIPs on lb1", ELECTION, () -> lb1.hasAddress("192.0.2.100") && lb1.hasAddress("192.0.2.101"));
        awaitAdvertsFrom(lb1, 2);

        String socket = daemon1.controlSocket().toString();
        assertThat(cli("demote", "SG1", "--control-socket", socket)).startsWith("OK VI_1,VI_2 demoted until promoted");
        Poll.until("both VIPs moved to lb2", Duration.ofSeconds(5), () -> lb2.hasAddress("192.0.2.100")
                && lb2.hasAddress("192.0.2.101") && !lb1.hasAddress("192.0.2.100") && !lb1.hasAddress("192.0.2.101"));
        daemon1.awaitLog("VRRP_Group\\(SG1\\) demote requested", Duration.ofSeconds(1));
        assertThat(capture.packets(p -> p.isVrrp() && p.source().equals(lb1.ipv4()) && p.priority() == 0))
                .as("a priority-0 advert per member").extracting(Packet::vrid).containsExactlyInAnyOrder(VRID, VRID + 1);

        daemon1.signal("HUP");
        daemon1.awaitLog("Configuration unchanged", Duration.ofSeconds(10));
        Poll.until("the reload counted", Duration.ofSeconds(5),
                () -> cli("status", "--json", "--control-socket", socket).contains("\"reloads\":1"));
        String json = cli("status", "--json", "--control-socket", socket);
        assertThat(json).contains("\"name\":\"SG1\",\"state\":\"BACKUP\"", "\"demoted\":true");
        Poll.holdsFor("lb2 keeps both VIPs while SG1 is demoted", Duration.ofMillis(Vrrp.masterDownV2Nanos(1, 1)
                / 1_000_000 + 500), () -> lb2.hasAddress("192.0.2.100") && lb2.hasAddress("192.0.2.101"));

        assertThat(cli("promote", "SG1", "--control-socket", socket)).startsWith("OK VI_1,VI_2 promoted");
        Poll.until("both VIPs back on lb1", Duration.ofSeconds(10), () -> lb1.hasAddress("192.0.2.100")
                && lb1.hasAddress("192.0.2.101") && !lb2.hasAddress("192.0.2.100") && !lb2.hasAddress("192.0.2.101"));
        assertThat(cli("status", "--control-socket", socket)).contains("SG1", "MASTER", "VI_1,VI_2");
    }

    /** The new master's first advert after the old master's priority 0: Skew_Time later. */
    private void judgeHandover(Node newMaster, long tolerance, int earlierHandovers) {
        Poll.until("VIP moved to " + newMaster.name(), Duration.ofSeconds(5), () -> newMaster.hasAddress(VIP));
        Poll.until("priority 0 from lb1", Duration.ofSeconds(2), () -> zeroFromLb1().size() > earlierHandovers);
        Packet zero = zeroFromLb1().get(earlierHandovers);
        Poll.until(newMaster.name() + " advertising", Duration.ofSeconds(3),
                () -> vrrpFrom(newMaster).stream().anyMatch(p -> p.epochNanos() > zero.epochNanos()));
        Packet first = vrrpFrom(newMaster).stream().filter(p -> p.epochNanos() > zero.epochNanos()).findFirst().get();
        Packet lastNormal = vrrpFrom(lb1).stream().filter(p -> p.priority() == 150 && p.epochNanos() < zero.epochNanos())
                .reduce((a, b) -> b).get();
        long gap = first.epochNanos() - zero.epochNanos();
        long expected = Vrrp.skewV2Nanos(100);
        assertThat(Math.abs(gap - expected)).as("new master's first advert after the priority 0: %s, expected Skew_Time %s",
                Vrrp.millis(gap), Vrrp.millis(expected)).isLessThanOrEqualTo(tolerance);
        long handover = first.epochNanos() - lastNormal.epochNanos();
        assertThat(handover).as("from lb1's last advert at 150 to the new master's first: %s", Vrrp.millis(handover))
                .isLessThanOrEqualTo(ADVERT_NANOS + expected + tolerance);
        System.out.printf("ControlIT handover to %s: priority 0 -> first advert %s (Skew_Time %s), last advert -> first %s%n",
                newMaster.name(), Vrrp.millis(gap), Vrrp.millis(expected), Vrrp.millis(handover));
    }

    private List<Packet> zeroFromLb1() {
        return vrrpFrom(lb1).stream().filter(p -> p.priority() == 0).toList();
    }

    private void awaitAdvertsFrom(Node node, int count) {
        long since = System.currentTimeMillis() * 1_000_000L;
        Poll.until(count + " adverts from " + node.name(), Duration.ofSeconds(5),
                () -> vrrpFrom(node).stream().filter(p -> p.epochNanos() > since).count() >= count);
    }

    private List<Packet> vrrpFrom(Node node) {
        return capture.packets(p -> p.isVrrp(VRID) && p.source().equals(node.ipv4()));
    }

    /** Keeps an output beside the daemons' logs (the sample scrape in docs/observability.md comes from here). */
    private static void keep(String relative, String text) {
        try {
            java.nio.file.Files.writeString(dir.resolve(relative), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the jkeepalived CLI from the root namespace (the control socket is a file); exit 0 expected. */
    private static String cli(String... args) {
        ProcessResult result = Jkeepalived.run(null, dir, args);
        assertThat(result.exitCode()).as("jkeepalived %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result.stdout();
    }

    /** keepalived.stats: advert_rcvd, advert_sent, become_master, release_master, pri_zero_*, and the errors. */
    static Map<String, Long> keepalivedStats(String dump) {
        Map<String, Long> stats = new TreeMap<>();
        String section = "";
        for (String line : dump.split("\n")) {
            String t = line.strip();
            Matcher m = Pattern.compile("([A-Za-z ]+): (\\d+)").matcher(t);
            if (t.endsWith(":")) {
                section = t.substring(0, t.length() - 1);
            } else if (m.matches()) {
                stats.put(key(section, m.group(1)), Long.parseLong(m.group(2)));
            }
        }
        return stats;
    }

    private static String key(String section, String label) {
        return switch (section + "/" + label) {
            case "Advertisements/Received" -> "advert_rcvd";
            case "Advertisements/Sent" -> "advert_sent";
            case "Priority Zero/Received" -> "pri_zero_rcvd";
            case "Priority Zero/Sent" -> "pri_zero_sent";
            default -> switch (label) {
                case "Became master" -> "become_master";
                case "Released master" -> "release_master";
                default -> "error " + section + "/" + label;
            };
        };
    }

    private static long keepalivedErrors(Map<String, Long> stats) {
        return stats.entrySet().stream().filter(e -> e.getKey().startsWith("error ")).mapToLong(Map.Entry::getValue).sum();
    }

    /** keepalived_*_total{iname="VI_1"} from a scrape, by keepalived's counter name. */
    static Map<String, Long> ourCounters(String metrics) {
        Map<String, Long> out = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^keepalived_(\\w+)_total\\{iname=\"VI_1\"[^}]*\\} (\\d+)$").matcher(metrics);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }
}
