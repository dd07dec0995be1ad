package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.jkeepalived.daemon.testing.VrrpCut;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, item 4 (docs/dual-master.md): lb1 (priority 150) and lb2 (priority 100) on one switch,
 * jkeepalived or keepalived 2.2.7 on either side; VRRP between them is dropped on the switch per
 * direction ({@link VrrpCut}) and then let through again. lb1, the router that stays MASTER, must
 * log the episode once when it opens and once when it closes, write {@code DUAL_MASTER} and
 * {@code DUAL_MASTER_END} FIFO lines, run {@code notify_dual_master} with the peer's address,
 * count it in its data dump, and show it in {@code /status}, {@code /metrics} and
 * {@code jkeepalived status}; startup and a plain preemption must record nothing. With jkeepalived
 * on both sides every healed two-way partition is one episode, whichever advert crosses first
 * (lb2's step-down advert, {@code dual_master_step_down_advert}); a keepalived winner answers that
 * advert without counting a bad packet and without a flap.
 */
class DualMasterIT {
    private static final String VIP = "192.0.2.100";
    private static final Duration ELECTION = Duration.ofSeconds(15);
    private static final String DETECTED = "\\(VI_1\\) dual master detected: 192\\.0\\.2\\.12 also advertises as master"
            + " \\(priority 100, ours 150\\)";
    private static final int HTTP_PORT = 9650;
    private static final String ENDED = "\\(VI_1\\) dual master ended: 192\\.0\\.2\\.12 advertised as master for"
            + " [0-9.]+s \\(no advert for Master_Down_Interval\\)";

    private static Path dir;
    private static Topology lan;
    private static Node lb1;
    private static Node lb2;

    private RunningDaemon daemon1;
    private RunningDaemon daemon2;
    private VrrpCut cut;

    @BeforeAll
    static void lan() {
        dir = TestDirs.create("dualmaster");
        lan = Topology.of("lb1", "lb2");
        lb1 = lan.node("lb1");
        lb2 = lan.node("lb2");
    }

    @AfterAll
    static void removeLan() {
        try (Topology t = lan) {
            // closing is the point
        }
    }

    @AfterEach
    void stop() {
        try (VrrpCut c = cut; RunningDaemon d1 = daemon1; RunningDaemon d2 = daemon2) {
            // closing is the point
        }
    }

    /** What lb1's FIFO reader and notify_dual_master script wrote, in files under {@code d}. */
    private record Outputs(Path fifoLines, Path dualArgv) {
    }

    /**
     * A configuration with a FIFO reader script and (for jkeepalived) a notify_dual_master script
     * recording its argv, one line per argument and "--" after each run.
     */
    private static String config(Path d, int priority, String extra, boolean jkeepalived, Outputs out) {
        try {
            Files.createDirectories(d);
            Path reader = script(d.resolve("fifo-reader.sh"),
                    "while read -r line; do echo \"$line\" >> '" + out.fifoLines() + "'; done < \"$1\"\n");
            Path dual = script(d.resolve("dual.sh"),
                    "for a in \"$@\"; do echo \"$a\" >> '" + out.dualArgv() + "'; done\necho -- >> '" + out.dualArgv() + "'\n");
            return "global_defs {\n  script_user root\n  vrrp_notify_fifo " + d.resolve("notify.fifo") + "\n"
                    + "  vrrp_notify_fifo_script " + reader + "\n}\n"
                    + "vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n"
                    + "  priority " + priority + "\n  advert_int 1\n" + extra
                    + (jkeepalived ? "  notify_dual_master \"" + dual + " dual\"\n" : "")
                    + "  virtual_ipaddress {\n    " + VIP + "/24\n  }\n}\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Outputs outputs(String name) {
        Path d = dir.resolve(name + "-lb1");
        return new Outputs(d.resolve("fifo.out"), d.resolve("dual-argv.out"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long dumpValue(String dump, String key) {
        Matcher m = Pattern.compile("(?m)^\\s+" + key + " = ([0-9.]+)$").matcher(dump);
        assertThat(m.find()).as("%s in the data dump:\n%s", key, dump).isTrue();
        return Math.round(Double.parseDouble(m.group(1)) * (key.endsWith("seconds") ? 1000 : 1));
    }

    private void startLb1(String name, Outputs out) {
        daemon1 = RunningDaemon.start(Kind.JKEEPALIVED, lb1.ns(), dir.resolve(name + "-lb1"),
                config(dir.resolve(name + "-lb1"), 150, "", true, out), "--http-listen", Integer.toString(HTTP_PORT));
        daemon1.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
    }

    /** lb1's {@code /status} dual_master object, whitespace removed. */
    private static String statusDualMaster() {
        String json = StatusScraper.fetch(lb1.ns(), HTTP_PORT, "/status").replaceAll("\\s+", "");
        Matcher m = Pattern.compile("\"dual_master\":\\{[^}]*\\}").matcher(json);
        assertThat(m.find()).as("dual_master in /status: %s", json).isTrue();
        return m.group();
    }

    /** One VI_1 sample of lb1's {@code /metrics}. */
    private static double metric(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{iname=\"VI_1\"[^}]*\\} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s in /metrics", name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** What {@code jkeepalived status} prints for lb1, through its control socket. */
    private String statusTable() {
        ProcessResult result = Jkeepalived.run(null, dir, "status", "--control-socket",
                daemon1.controlSocket().toString());
        assertThat(result.exitCode()).as("jkeepalived status: %s", result.stderr()).isZero();
        return result.stdout();
    }

    /** /status, /metrics and the status table while an episode with lb2 is open. */
    private void assertShownAsOpen(long episodes) {
        // The snapshot is rebuilt on the loop turn after the episode opened: poll briefly.
        String open = "\"dual_master\":{\"active\":true,\"peer\":\"192.0.2.12\",\"episodes\":" + episodes + ",";
        Poll.until("/status showing the open episode", Duration.ofSeconds(3), () -> statusDualMaster().startsWith(open));
        String metrics = StatusScraper.fetch(lb1.ns(), HTTP_PORT, "/metrics");
        assertThat(metric(metrics, "jkeepalived_dual_master_active")).isEqualTo(1.0);
        assertThat(metric(metrics, "jkeepalived_dual_master_episodes_total")).isEqualTo(episodes);
        assertThat(statusTable()).contains("WARNING: VI_1 dual master: 192.0.2.12 also advertises as master for VRID 51")
                .containsPattern("(?m)^VI_1 .* " + episodes + " \\([0-9.]+s\\) NOW with 192\\.0\\.2\\.12$");
    }

    /** /status, /metrics and the status table once the episodes are over; returns dual_master_seconds. */
    private double assertShownAsClosed(long episodes) {
        Pattern closed = Pattern.compile("^\"dual_master\":\\{\"active\":false,\"peer\":null,\"episodes\":" + episodes
                + ",\"seconds\":([0-9.Ee+-]+)}$"); // a JSON number: 4.6E-5 for 46 µs
        Poll.until("/status showing no open episode and " + episodes + " in all", Duration.ofSeconds(3),
                () -> closed.matcher(statusDualMaster()).matches());
        Matcher m = closed.matcher(statusDualMaster());
        assertThat(m.matches()).isTrue();
        String metrics = StatusScraper.fetch(lb1.ns(), HTTP_PORT, "/metrics");
        assertThat(metric(metrics, "jkeepalived_dual_master_active")).isZero();
        assertThat(metric(metrics, "jkeepalived_dual_master_episodes_total")).isEqualTo(episodes);
        assertThat(metric(metrics, "jkeepalived_dual_master_seconds_total")).isEqualTo(Double.parseDouble(m.group(1)));
        assertThat(statusTable()).doesNotContain("WARNING").containsPattern("(?m)^VI_1 .* " + episodes + " \\([0-9.]+s\\)$");
        return Double.parseDouble(m.group(1));
    }

    private void startLb2(Kind kind, String name, String extra) {
        Path d = dir.resolve(name + "-lb2");
        daemon2 = RunningDaemon.start(kind, lb2.ns(), d,
                config(d, 100, extra, kind == Kind.JKEEPALIVED, new Outputs(d.resolve("fifo.out"), d.resolve("dual-argv.out"))));
    }

    /**
     * lb2 stops hearing lb1 and becomes a second MASTER while lb1 still hears it: a long episode
     * on lb1. Then the cut heals: lb2 steps down and lb1 closes the episode one
     * Master_Down_Interval after lb2's last advert.
     */
    private void oneWayDeafnessThenHeal(Kind lb2Kind, String name) {
        Outputs out = outputs(name);
        startLb1(name, out);
        startLb2(lb2Kind, name, "");
        Poll.until("VIP on lb1 only", ELECTION, () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        assertThat(read(out.fifoLines())).doesNotContain("DUAL_MASTER");

        cut = new VrrpCut(lan);
        cut.drop("lb1", "lb2");
        Poll.until("lb2 a second master", ELECTION, () -> lb2.hasAddress(VIP) && lb1.hasAddress(VIP));
        daemon1.awaitLog(DETECTED, Duration.ofSeconds(5));
        long detectedBy = System.nanoTime();
        Poll.until("FIFO line DUAL_MASTER", Duration.ofSeconds(5),
                () -> read(out.fifoLines()).contains("INSTANCE \"VI_1\" DUAL_MASTER 150"));
        Poll.until("notify_dual_master run", Duration.ofSeconds(5),
                () -> read(out.dualArgv()).contains("--"));
        assertThat(read(out.dualArgv()).lines().toList())
                .containsExactly("dual", "INSTANCE", "VI_1", "DUAL_MASTER", "150", "192.0.2.12", "--");
        String during = daemon1.dataDump();
        assertThat(during).contains("dual_master_peer = 192.0.2.12");
        assertThat(dumpValue(during, "dual_master_episodes")).isEqualTo(1);
        assertShownAsOpen(1);
        // A persisting one-way deafness is one episode that keeps growing: nothing more is logged.
        long heldMillis = 4000;
        Poll.holdsFor("both still MASTER", Duration.ofMillis(heldMillis), () -> lb2.hasAddress(VIP) && lb1.hasAddress(VIP));
        assertThat(daemon1.logLines("dual master")).hasSize(1);

        long healed = System.nanoTime();
        cut.heal();
        Poll.until("VIP back on lb1 only", ELECTION, () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        daemon1.awaitLog(ENDED, Duration.ofSeconds(10));
        long closedAfter = System.nanoTime() - healed;
        assertThat(closedAfter).as("closed about Master_Down_Interval after lb2's last advert")
                .isGreaterThan(Vrrp.masterDownV2Nanos(150, 1) - 1_000_000_000L);
        Poll.until("FIFO line DUAL_MASTER_END", Duration.ofSeconds(5),
                () -> read(out.fifoLines()).contains("INSTANCE \"VI_1\" DUAL_MASTER_END 150"));
        Poll.until("notify_dual_master run again", Duration.ofSeconds(5),
                () -> read(out.dualArgv()).lines().filter("--"::equals).count() == 2);
        assertThat(read(out.dualArgv()).lines().skip(7).toList())
                .containsExactly("dual", "INSTANCE", "VI_1", "DUAL_MASTER_END", "150", "192.0.2.12", "--");
        String after = daemon1.dataDump();
        assertThat(after).contains("dual_master_peer = none");
        assertThat(dumpValue(after, "dual_master_episodes")).isEqualTo(1);
        // From the first to the last advert lb1 heard from lb2: at most one advert interval (plus
        // delivery) before the heal, and the first came before the detection line was seen.
        long atLeastMillis = (healed - detectedBy) / 1_000_000 - 1_100;
        assertThat(dumpValue(after, "dual_master_seconds")).as("episode length, ms")
                .isGreaterThanOrEqualTo(Math.max(heldMillis - 1_100, atLeastMillis));
        double statusSeconds = assertShownAsClosed(1);
        assertThat(Math.round(statusSeconds * 1000)).as("/status seconds = the dump's")
                .isCloseTo(dumpValue(after, "dual_master_seconds"), org.assertj.core.data.Offset.offset(1L));
        assertThat(daemon1.logLines("dual master detected")).hasSize(1);
        assertThat(daemon1.logLines("dual master ended")).hasSize(1);
        assertThat(read(out.fifoLines()).lines().filter(l -> l.contains("DUAL_MASTER")).toList())
                .containsExactly("INSTANCE \"VI_1\" DUAL_MASTER 150", "INSTANCE \"VI_1\" DUAL_MASTER_END 150");
    }

    @Test
    void oneWayDeafnessIsOneEpisodeLoggedOnceWithFifoScriptAndCounters() {
        oneWayDeafnessThenHeal(Kind.JKEEPALIVED, "oneway");
        assertThat(daemon2.logLines("dual master")).as("lb2 never heard a second master").isEmpty();
    }

    @Test
    void aKeepalivedPeerIsDetectedToo() {
        oneWayDeafnessThenHeal(Kind.KEEPALIVED, "keepalived");
        daemon2.awaitLog("Master received advert from 192\\.0\\.2\\.11 with higher priority 150, ours 100",
                Duration.ofSeconds(3));
    }

    /**
     * A plain keepalived-style preemption records nothing: lb2's step-down advert (on by default)
     * reaches lb1 inside its in-flight window. Then three two-way partitions, each healed after a
     * different time (so the advert phases differ), are each exactly one episode on lb1 and none on
     * lb2; each heal is one step-down of lb2 (no flap) and no packet is rejected on either side.
     */
    @Test
    void preemptionRecordsNothingAndEveryHealedPartitionIsOneEpisode() {
        Outputs out = outputs("partition");
        startLb2(Kind.JKEEPALIVED, "partition", "");
        daemon2.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
        startLb1("partition", out);
        daemon2.awaitLog("\\(VI_1\\) Master received advert from 192\\.0\\.2\\.11 with higher priority 150, ours 100",
                ELECTION);
        Poll.until("VIP on lb1 only", ELECTION, () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        // lb2's step-down advert, answered by lb1 inside its in-flight window: not counted.
        daemon1.awaitLog("Received advert from 192\\.0\\.2\\.12 with lower priority 100, ours 150, forcing new election",
                Duration.ofSeconds(3));
        Poll.holdsFor("no dual master after a plain preemption", Duration.ofMillis(Vrrp.masterDownV2Nanos(150, 1) / 1_000_000),
                () -> daemon1.logLines("dual master").isEmpty() && daemon2.logLines("dual master").isEmpty());
        assertShownAsClosed(0);

        cut = new VrrpCut(lan);
        for (int round = 1; round <= 3; round++) {
            cut.partition("lb1", "lb2");
            Poll.until("two masters while partitioned, round " + round, ELECTION,
                    () -> lb2.hasAddress(VIP) && lb1.hasAddress(VIP));
            long split = 1_500 + 370L * round;
            Poll.holdsFor("partitioned: nothing heard, nothing new detected", Duration.ofMillis(split),
                    () -> daemon1.logLines("dual master detected").size() == daemon1.logLines("dual master ended").size());
            cut.heal();
            daemon1.awaitLogCount("\\(VI_1\\) dual master detected: 192\\.0\\.2\\.12", round, Duration.ofSeconds(5));
            Poll.until("VIP on lb1 only, round " + round, ELECTION, () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
            daemon1.awaitLogCount(ENDED, round, Duration.ofSeconds(10));
            assertThat(daemon1.logLines("dual master detected")).as("round %d", round).hasSize(round);
            assertThat(dumpValue(daemon1.dataDump(), "dual_master_episodes")).isEqualTo(round);
            long rounds = round;
            Poll.until("FIFO line DUAL_MASTER_END, round " + round, Duration.ofSeconds(5),
                    () -> read(out.fifoLines()).lines().filter(l -> l.contains("DUAL_MASTER_END")).count() == rounds);
        }
        assertShownAsClosed(3);
        assertThat(daemon2.logLines("dual master")).as("the node that steps down records nothing").isEmpty();
        // One step-down per preemption and per heal: no flap.
        assertThat(daemon2.logLines("\\(VI_1\\) Master received advert from 192\\.0\\.2\\.11 with higher priority"))
                .hasSize(4);
        assertThat(daemon1.logLines("\\(VI_1\\) Entering BACKUP STATE$")).as("BACKUP only at startup (init)").isEmpty();
        assertThat(RunningDaemon.errorCounters(daemon1.dataDump())).as("adverts lb1 rejected").isEmpty();
        assertThat(RunningDaemon.errorCounters(daemon2.dataDump())).as("adverts lb2 rejected").isEmpty();
    }

    /**
     * Interop: a keepalived 2.2.7 winner receives jkeepalived's step-down advert after a
     * preemption and after a healed partition. It logs "forcing new election" and re-advertises;
     * neither side counts a bad packet, and lb2 steps down once each time (no flap).
     */
    @Test
    void aKeepalivedWinnerAnswersTheStepDownAdvertWithoutAFlap() {
        startLb2(Kind.JKEEPALIVED, "kawinner", "");
        daemon2.awaitLog("\\(VI_1\\) Entering MASTER STATE", ELECTION);
        Path d1 = dir.resolve("kawinner-lb1");
        daemon1 = RunningDaemon.start(Kind.KEEPALIVED, lb1.ns(), d1,
                config(d1, 150, "", false, new Outputs(d1.resolve("fifo.out"), d1.resolve("dual-argv.out"))));
        String forcing = "\\(VI_1\\) Received advert from 192\\.0\\.2\\.12 with lower priority 100, ours 150,"
                + " forcing new election";
        daemon1.awaitLog(forcing, ELECTION);
        Poll.until("VIP on lb1 only", ELECTION, () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));

        cut = new VrrpCut(lan);
        cut.partition("lb1", "lb2");
        Poll.until("two masters while partitioned", ELECTION, () -> lb2.hasAddress(VIP) && lb1.hasAddress(VIP));
        Poll.holdsFor("partitioned", Duration.ofSeconds(2), () -> lb2.hasAddress(VIP) && lb1.hasAddress(VIP));
        cut.heal();
        daemon1.awaitLogCount(forcing, 2, Duration.ofSeconds(5));
        Poll.until("VIP on lb1 only after the heal", ELECTION, () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        Poll.holdsFor("no flap", Duration.ofMillis(Vrrp.masterDownV2Nanos(100, 1) / 1_000_000),
                () -> lb1.hasAddress(VIP) && !lb2.hasAddress(VIP));
        assertThat(daemon1.logLines("\\(VI_1\\) Entering MASTER STATE")).hasSize(1);
        assertThat(daemon1.logLines("\\(VI_1\\) Entering BACKUP STATE$")).as("BACKUP only at startup (init)").isEmpty();
        assertThat(daemon2.logLines("\\(VI_1\\) Master received advert from 192\\.0\\.2\\.11 with higher priority"))
                .hasSize(2);
        Map<String, Long> theirs = ControlIT.keepalivedStats(daemon1.statsDump());
        assertThat(theirs).as("keepalived's counters").isNotEmpty();
        assertThat(theirs.entrySet().stream().filter(e -> e.getKey().startsWith("error ")).mapToLong(Map.Entry::getValue)
                .sum()).as("keepalived's error counters: %s", theirs).isZero();
        assertThat(RunningDaemon.errorCounters(daemon2.dataDump())).as("adverts lb2 rejected").isEmpty();
        assertThat(daemon2.logLines("dual master")).isEmpty();
    }
}
