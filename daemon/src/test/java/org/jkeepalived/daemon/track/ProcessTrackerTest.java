package org.jkeepalived.daemon.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jkeepalived.daemon.os.LogCapture;
import org.jkeepalived.daemon.os.TestLoop;
import org.junit.jupiter.api.Test;

/** track_process quorum and delays on a fake clock, and the /proc scanner on real processes. */
class ProcessTrackerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<Boolean> changes = new ArrayList<>();

    private ProcessTracker tracker(int quorum, int quorumMax, long forkDelay, long terminateDelay) {
        return new ProcessTracker("nginx", new ProcessMatcher(List.of("nginx"), null, false), quorum, quorumMax,
                forkDelay, terminateDelay, t -> changes.add(t.up()));
    }

    @Test
    void quorumWithinMinAndMaxWithKeepalivedsLines() {
        ProcessTracker t = tracker(2, 3, 0, 0);
        t.initialise(0);
        try (LogCapture log = new LogCapture(ProcessTracker.class)) {
            t.offerCount(2);
            t.onTimer(0);
            assertThat(t.up()).isTrue();
            t.offerCount(4);
            t.onTimer(1);
            assertThat(t.up()).isFalse();
            assertThat(log.lines()).containsExactly("Quorum gained for tracked process nginx",
                    "Quorum lost for tracked process nginx");
        }
        assertThat(t.faults(0, false)).isTrue();
        assertThat(t.contribution(-5, false)).isEqualTo(-5);
    }

    @Test
    void terminateDelayHoldsTheUpStateAndARestartWithinItIsInvisible() {
        ProcessTracker t = tracker(1, -1, 0, 500 * MS);
        t.initialise(1);
        assertThat(t.up()).isTrue();

        t.offerCount(0);
        assertThat(t.nextDeadlineNanos()).isEqualTo(Long.MIN_VALUE);
        t.onTimer(1000 * MS);
        assertThat(t.up()).isTrue();
        assertThat(t.nextDeadlineNanos()).isEqualTo(1500 * MS);
        t.offerCount(1);
        t.onTimer(1200 * MS);
        t.onTimer(1600 * MS);
        assertThat(t.up()).isTrue();
        assertThat(changes).isEmpty();

        t.offerCount(0);
        t.onTimer(2000 * MS);
        t.onTimer(2499 * MS);
        assertThat(t.up()).isTrue();
        t.onTimer(2500 * MS);
        assertThat(t.up()).isFalse();
        assertThat(changes).containsExactly(false);
    }

    @Test
    void forkDelayPostponesGainingQuorum() {
        ProcessTracker t = tracker(1, -1, 300 * MS, 0);
        t.initialise(0);

        t.offerCount(1);
        t.onTimer(0);
        assertThat(t.up()).isFalse();
        t.onTimer(300 * MS);
        assertThat(t.up()).isTrue();
        t.offerCount(0);
        t.onTimer(301 * MS);
        assertThat(t.up()).as("no terminate delay").isFalse();
    }

    @Test
    void theScannerCountsRealProcessesByCommandLine() throws Exception {
        String marker = "7" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + ".5";
        ProcessTracker bySleepArgs = new ProcessTracker("sleeper", new ProcessMatcher(List.of("sleep", marker), null,
                false), 1, -1, 0, 0, t -> changes.add(t.up()));
        TestLoop loop = new TestLoop();
        Process sleeper = null;
        try (ProcessScanner scanner = new ProcessScanner(loop, 20 * MS)) {
            scanner.add(bySleepArgs);
            scanner.initialiseTrackers();
            assertThat(bySleepArgs.up()).isFalse();
            scanner.start();

            sleeper = new ProcessBuilder("sleep", marker).start();
            loop.runUntil(bySleepArgs::up, Duration.ofSeconds(3), bySleepArgs::onTimer);
            assertThat(bySleepArgs.count()).isEqualTo(1);

            sleeper.destroyForcibly().waitFor();
            loop.runUntil(() -> !bySleepArgs.up(), Duration.ofSeconds(3), bySleepArgs::onTimer);
        } finally {
            if (sleeper != null) {
                sleeper.destroyForcibly();
            }
        }
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void theScannerMatchesCommByName() throws Exception {
        ProcessTracker byComm = new ProcessTracker("java", new ProcessMatcher(List.of("java"), null, false), 1, -1, 0, 0,
                t -> { });
        try (ProcessScanner scanner = new ProcessScanner(new TestLoop(), 20 * MS)) {
            scanner.add(byComm);
            scanner.initialiseTrackers();
        }
        assertThat(byComm.count()).as("this JVM at least").isGreaterThanOrEqualTo(1);
        assertThat(byComm.up()).isTrue();
    }
}
