package org.jkeepalived.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.track.ScriptTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services on the daemon's real event loop: a vrrp_script with a hung run, killed at its timeout. */
class LoopTimerTest {
    @TempDir
    Path dir;

    @Test
    void aScriptTrackerAndTheRunnerRunOnTheEventLoop() throws IOException, InterruptedException {
        Path script = Scripts.write(dir, "hang.sh", "sleep 60");
        EventLoop loop = new EventLoop();
        ScriptRunner runner = new ScriptRunner(loop::post);
        List<ScriptTracker.Status> changes = new CopyOnWriteArrayList<>();
        ScriptTracker chk = new ScriptTracker("chk", new PreparedScript(List.of(script.toString()), 0, 0, false, false),
                TimeUnit.SECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(200), 1, 1, false, runner,
                t -> changes.add(t.status()));
        LoopTimer runnerTimer = new LoopTimer(loop, runner::nextDeadlineNanos, runner::onTimer);
        LoopTimer trackerTimer = new LoopTimer(loop, chk::nextDeadlineNanos, now -> {
            chk.onTimer(now);
            runnerTimer.rearm();
        });
        Thread loopThread = new Thread(loop::run, "test-loop");
        loopThread.start();
        try {
            loop.post(() -> {
                chk.start(loop.now());
                trackerTimer.rearm();
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (changes.isEmpty() && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            assertThat(changes).containsExactly(ScriptTracker.Status.BAD);
        } finally {
            loop.post(() -> {
                runner.killAll();
                loop.stop();
            });
            loopThread.join(TimeUnit.SECONDS.toMillis(5));
        }
        assertThat(loopThread.isAlive()).isFalse();
    }
}
