package org.jkeepalived.daemon.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jkeepalived.daemon.os.LogCapture;
import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptResult;
import org.jkeepalived.daemon.os.ScriptRunner;
import org.jkeepalived.daemon.os.Scripts;
import org.jkeepalived.daemon.os.TestLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vrrp_script semantics: INIT, rise/fall, init_fail, weights, keepalived's log lines, real runs and timeouts. */
class ScriptTrackerTest {
    private static final ScriptResult OK = new ScriptResult(ScriptResult.Outcome.EXITED, 0);
    private static final ScriptResult EXIT_1 = new ScriptResult(ScriptResult.Outcome.EXITED, 1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;

    private final TestLoop loop = new TestLoop();
    private final ScriptRunner runner = new ScriptRunner(loop);
    private final List<ScriptTracker.Status> changes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        runner.killAll();
    }

    private ScriptTracker tracker(int rise, int fall, boolean initFail) {
        PreparedScript unused = new PreparedScript(List.of("/bin/true"), 0, 0, false, false);
        return new ScriptTracker("chk", unused, SECOND, 0, rise, fall, initFail, runner, t -> changes.add(t.status()));
    }

    @Test
    void startsInInitWhereWeightZeroFaultsAndWeightsCountNothing() {
        ScriptTracker chk = tracker(1, 1, false);

        assertThat(chk.status()).isEqualTo(ScriptTracker.Status.INIT);
        assertThat(chk.faults(0, false)).isTrue();
        assertThat(chk.faults(0, true)).isTrue();
        assertThat(chk.contribution(10, false)).isZero();
        assertThat(chk.contribution(-10, false)).isZero();
    }

    @Test
    void oneSuccessLeavesInitWithKeepalivedsLine() {
        ScriptTracker chk = tracker(3, 3, false);
        try (LogCapture log = new LogCapture(ScriptTracker.class)) {
            chk.onResult(OK);

            assertThat(chk.status()).isEqualTo(ScriptTracker.Status.GOOD);
            assertThat(log.lines()).containsExactly("VRRP_Script(chk) succeeded");
        }
        assertThat(changes).containsExactly(ScriptTracker.Status.GOOD);
        assertThat(chk.faults(0, false)).isFalse();
        assertThat(chk.faults(0, true)).as("reversed weight 0 faults while the script succeeds").isTrue();
    }

    @Test
    void oneFailureLeavesInitWithKeepalivedsLines() {
        ScriptTracker chk = tracker(3, 3, false);
        try (LogCapture log = new LogCapture(ScriptTracker.class)) {
            chk.onResult(EXIT_1);

            assertThat(chk.status()).isEqualTo(ScriptTracker.Status.BAD);
            assertThat(log.lines()).containsExactly("Script `chk` now returning 1",
                    "VRRP_Script(chk) failed (exited with status 1)");
        }
    }

    @Test
    void riseAndFallCountConsecutiveResults() {
        ScriptTracker chk = tracker(2, 3, false);
        chk.onResult(OK);
        assertThat(chk.status()).isEqualTo(ScriptTracker.Status.GOOD);

        chk.onResult(EXIT_1);
        chk.onResult(EXIT_1);
        assertThat(chk.status()).as("two of three failures").isEqualTo(ScriptTracker.Status.GOOD);
        chk.onResult(OK);
        chk.onResult(EXIT_1);
        chk.onResult(EXIT_1);
        assertThat(chk.status()).as("a success resets the fall count").isEqualTo(ScriptTracker.Status.GOOD);
        chk.onResult(EXIT_1);
        assertThat(chk.status()).isEqualTo(ScriptTracker.Status.BAD);

        chk.onResult(OK);
        assertThat(chk.status()).as("one of two successes").isEqualTo(ScriptTracker.Status.BAD);
        chk.onResult(OK);
        assertThat(chk.status()).isEqualTo(ScriptTracker.Status.GOOD);
        assertThat(changes).containsExactly(ScriptTracker.Status.GOOD, ScriptTracker.Status.BAD,
                ScriptTracker.Status.GOOD);
    }

    @Test
    void initFailStartsBadAndNeedsRiseSuccesses() {
        ScriptTracker chk = tracker(2, 1, true);

        assertThat(chk.status()).isEqualTo(ScriptTracker.Status.BAD);
        assertThat(chk.faults(0, false)).isTrue();
        assertThat(chk.faults(0, true)).as("init_fail faults even reversed").isTrue();
        assertThat(chk.contribution(-20, false)).isEqualTo(-20);
        chk.onResult(OK);
        assertThat(chk.status()).isEqualTo(ScriptTracker.Status.BAD);
        chk.onResult(OK);
        assertThat(chk.status()).isEqualTo(ScriptTracker.Status.GOOD);
    }

    @Test
    void weightsFollowKeepalivedsSigns() {
        ScriptTracker chk = tracker(1, 1, false);
        chk.onResult(OK);
        assertThat(chk.contribution(10, false)).isEqualTo(10);
        assertThat(chk.contribution(-10, false)).isZero();
        assertThat(chk.contribution(10, true)).isEqualTo(-10);

        chk.onResult(EXIT_1);
        assertThat(chk.contribution(10, false)).isZero();
        assertThat(chk.contribution(-10, false)).isEqualTo(-10);
        assertThat(chk.contribution(-10, true)).isEqualTo(10);
    }

    @Test
    void aTimeoutIsAFailureLoggedAsTimedOut() {
        ScriptTracker chk = tracker(1, 1, false);
        chk.onResult(OK);
        try (LogCapture log = new LogCapture(ScriptTracker.class)) {
            chk.onResult(new ScriptResult(ScriptResult.Outcome.TIMED_OUT, -1));
            assertThat(log.lines()).containsExactly("VRRP_Script(chk) timed_out");
        }
        assertThat(chk.status()).isEqualTo(ScriptTracker.Status.BAD);
    }

    @Test
    void aReloadCarriesTheResultOverRescaledToTheNewRiseAndFall() {
        ScriptTracker good = tracker(2, 3, false);
        good.onResult(OK);
        good.onResult(EXIT_1); // still GOOD, one failure counted
        ScriptTracker reloaded = tracker(1, 1, false);
        try (LogCapture log = new LogCapture(ScriptTracker.class)) {
            reloaded.inheritFrom(good);
            assertThat(log.lines()).containsExactly("VRRP_Script(chk) considered successful on reload");
        }
        assertThat(reloaded.status()).isEqualTo(ScriptTracker.Status.GOOD);
        assertThat(reloaded.faults(0, false)).isFalse();

        ScriptTracker bad = tracker(1, 1, false);
        bad.onResult(EXIT_1);
        ScriptTracker reloadedBad = tracker(3, 1, false);
        try (LogCapture log = new LogCapture(ScriptTracker.class)) {
            reloadedBad.inheritFrom(bad);
            assertThat(log.lines()).containsExactly("VRRP_Script(chk) considered unsuccessful on reload");
        }
        assertThat(reloadedBad.status()).isEqualTo(ScriptTracker.Status.BAD);
        reloadedBad.onResult(OK);
        reloadedBad.onResult(OK);
        assertThat(reloadedBad.status()).as("needs the new rise of 3").isEqualTo(ScriptTracker.Status.BAD);
        reloadedBad.onResult(OK);
        assertThat(reloadedBad.status()).isEqualTo(ScriptTracker.Status.GOOD);
    }

    @Test
    void aScriptNewInAReloadDoesNotFaultBeforeItsFirstResult() {
        ScriptTracker added = tracker(1, 1, false);
        added.markNewOnReload();

        assertThat(added.status()).isEqualTo(ScriptTracker.Status.INIT);
        assertThat(added.faults(0, false)).isFalse();
        assertThat(added.contribution(-10, false)).isZero();
        added.onResult(EXIT_1);
        assertThat(added.faults(0, false)).isTrue();
    }

    @Test
    void runsTheRealScriptEveryIntervalAndFollowsItsExitStatus() throws IOException {
        Path flag = dir.resolve("healthy");
        Path script = Scripts.write(dir, "chk.sh", "test -e '" + flag + "'");
        PreparedScript prepared = new PreparedScript(List.of(script.toString()), 0, 0, false, false);
        ScriptTracker chk = new ScriptTracker("chk", prepared, TimeUnit.MILLISECONDS.toNanos(100), 0, 1, 1, false,
                runner, t -> changes.add(t.status()));
        chk.start(System.nanoTime());

        loop.runUntil(() -> chk.status() == ScriptTracker.Status.BAD, Duration.ofSeconds(5), chk::onTimer);
        Files.createFile(flag);
        loop.runUntil(() -> chk.status() == ScriptTracker.Status.GOOD, Duration.ofSeconds(5), chk::onTimer);
        Files.delete(flag);
        loop.runUntil(() -> chk.status() == ScriptTracker.Status.BAD, Duration.ofSeconds(5), chk::onTimer);

        assertThat(changes).containsExactly(ScriptTracker.Status.BAD, ScriptTracker.Status.GOOD,
                ScriptTracker.Status.BAD);
    }

    @Test
    void aHungScriptIsKilledAtItsTimeoutAndCountsAsFailed() throws IOException {
        Path script = Scripts.write(dir, "hang.sh", "sleep 60");
        PreparedScript prepared = new PreparedScript(List.of(script.toString()), 0, 0, false, false);
        ScriptTracker chk = new ScriptTracker("hang", prepared, TimeUnit.SECONDS.toNanos(10),
                TimeUnit.MILLISECONDS.toNanos(300), 1, 1, false, runner, t -> changes.add(t.status()));
        long start = System.nanoTime();
        try (LogCapture log = new LogCapture(ScriptTracker.class)) {
            chk.start(start);
            loop.runUntil(() -> chk.status() == ScriptTracker.Status.BAD, Duration.ofSeconds(5), now -> {
                chk.onTimer(now);
                runner.onTimer(now);
            });
            assertThat(log.lines()).containsExactly("VRRP_Script(hang) timed_out");
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 2000L);
        assertThat(runner.runningCount()).isZero();
    }

    @Test
    void skipsARunWhileThePreviousOneIsStillRunning() throws IOException {
        Path count = dir.resolve("count");
        Path script = Scripts.write(dir, "slow.sh", "echo x >> '" + count + "'; sleep 60");
        PreparedScript prepared = new PreparedScript(List.of(script.toString()), 0, 0, false, false);
        ScriptTracker chk = new ScriptTracker("slow", prepared, TimeUnit.MILLISECONDS.toNanos(50),
                TimeUnit.SECONDS.toNanos(30), 1, 1, false, runner, t -> { });
        long start = System.nanoTime();
        try (LogCapture log = new LogCapture(ScriptTracker.class)) {
            chk.start(start);
            chk.onTimer(start);
            chk.onTimer(start + TimeUnit.MILLISECONDS.toNanos(50));
            chk.onTimer(start + TimeUnit.MILLISECONDS.toNanos(100));
            assertThat(log.lines()).containsExactly("Track script slow is already running, expect idle - skipping run",
                    "Track script slow is already running, expect idle - skipping run");
        }
        loop.runUntil(() -> Files.exists(count), Duration.ofSeconds(5));
        assertThat(runner.runningCount()).isEqualTo(1);
    }
}
