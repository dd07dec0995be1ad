package org.jkeepalived.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: argv, identity, session, stdio and timeouts of scripts run by {@link ScriptRunner}. */
class ScriptRunnerTest {
    @TempDir
    Path dir;

    private final TestLoop loop = new TestLoop();
    private final ScriptRunner runner = new ScriptRunner(loop);

    @AfterEach
    void killLeftovers() {
        runner.killAll();
    }

    private ScriptResult runToEnd(PreparedScript script, List<String> extra, long timeoutNanos) {
        AtomicReference<ScriptResult> result = new AtomicReference<>();
        runner.start("test", script, extra, System.nanoTime(), timeoutNanos, result::set);
        loop.runUntil(() -> result.get() != null, Duration.ofSeconds(10), runner::onTimer);
        return result.get();
    }

    private PreparedScript asRoot(Path script, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return new PreparedScript(argv, 0, 0, false, false);
    }

    @Test
    void execsArgvDirectlyWithExtraArgumentsAppended() throws IOException {
        Path out = dir.resolve("argv.txt");
        Path script = Scripts.argvRecorder(dir, "rec.sh", out);

        ScriptResult result = runToEnd(asRoot(script, "a b", "$HOME", "c"), List.of("INSTANCE", "VI_1", "MASTER", "150"), 0);

        assertThat(result.succeeded()).isTrue();
        assertThat(Files.readAllLines(out)).containsExactly("a b", "$HOME", "c", "INSTANCE", "VI_1", "MASTER", "150", "--");
    }

    @Test
    void reportsTheExitStatus() throws IOException {
        Path script = Scripts.write(dir, "fail.sh", "exit 3");

        ScriptResult result = runToEnd(asRoot(script), List.of(), 0);

        assertThat(result).isEqualTo(new ScriptResult(ScriptResult.Outcome.EXITED, 3));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void runsInItsOwnSessionWithStdioOnDevNull() throws IOException {
        Path out = dir.resolve("ids.txt");
        Path script = Scripts.write(dir, "ids.sh",
                "fds=$(readlink /proc/$$/fd/0 /proc/$$/fd/1 /proc/$$/fd/2)\n"
                        + "echo $$ $(cut -d' ' -f5,6 /proc/$$/stat) > '" + out + "'\n"
                        + "echo \"$fds\" >> '" + out + "'");

        assertThat(runToEnd(asRoot(script), List.of(), 0).succeeded()).isTrue();

        List<String> lines = Files.readAllLines(out);
        String[] ids = lines.get(0).split(" ");
        assertThat(ids[1]).as("process group = pid").isEqualTo(ids[0]);
        assertThat(ids[2]).as("session = pid").isEqualTo(ids[0]);
        assertThat(lines.subList(1, 4)).containsOnly("/dev/null");
    }

    @Test
    void runsAsTheScriptUserWithSupplementaryGroupsCleared() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path out = dir.resolve("id.txt");
        Path script = Scripts.write(dir, "id.sh", "id -u > '" + out + "'; id -g >> '" + out + "'; id -G >> '" + out + "'");
        UserDb.Account nobody = UserDb.user("nobody").orElseThrow();
        int nogroup = UserDb.group("nogroup").orElseThrow();

        ScriptResult result = runToEnd(new PreparedScript(List.of(script.toString()), nobody.uid(), nogroup, false, false),
                List.of(), 0);

        assertThat(result.succeeded()).isTrue();
        assertThat(Files.readAllLines(out)).containsExactly(
                String.valueOf(nobody.uid()), String.valueOf(nogroup), String.valueOf(nogroup));
    }

    @Test
    void killsAHungScriptAndItsChildrenAtTheTimeout() throws IOException {
        Path childPid = dir.resolve("child.pid");
        Path script = Scripts.write(dir, "hang.sh", "sleep 60 & echo $! > '" + childPid + "'\nwait");
        long started = System.nanoTime();

        ScriptResult result = runToEnd(asRoot(script), List.of(), TimeUnit.MILLISECONDS.toNanos(300));

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(result.outcome()).isEqualTo(ScriptResult.Outcome.TIMED_OUT);
        assertThat(tookMillis).isBetween(250L, 2000L);
        Path proc = Path.of("/proc", Files.readString(childPid).strip());
        loop.runUntil(() -> !Files.exists(proc) || isZombie(proc), Duration.ofSeconds(5));
    }

    @Test
    void escalatesToSigkillWhenSigtermIsIgnored() throws IOException {
        Path ready = dir.resolve("ready");
        Path script = Scripts.write(dir, "stubborn.sh", "trap '' TERM\ntouch '" + ready + "'\nwhile :; do sleep 0.1; done");
        AtomicReference<ScriptResult> result = new AtomicReference<>();
        long started = System.nanoTime();
        runner.start("stubborn", asRoot(script), List.of(), started, TimeUnit.MILLISECONDS.toNanos(200), result::set);

        loop.runUntil(() -> result.get() != null, Duration.ofSeconds(10), runner::onTimer);

        assertThat(result.get().outcome()).isEqualTo(ScriptResult.Outcome.TIMED_OUT);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(2000L, 6000L);
    }

    @Test
    void runsKeepalivedsFileOpenTestThroughTheShell() {
        PreparedScript exists = new PreparedScript(List.of("</etc/passwd"), 0, 0, true, false);
        PreparedScript missing = new PreparedScript(List.of("</nonexistent/file"), 0, 0, true, false);

        assertThat(runToEnd(exists, List.of(), 0).succeeded()).isTrue();
        assertThat(runToEnd(missing, List.of(), 0).succeeded()).isFalse();
    }

    @Test
    void reportsAProgramRemovedSinceTheCheckWithKeepalivedsLineAndCarriesOn() {
        PreparedScript gone = new PreparedScript(List.of(dir.resolve("gone.sh").toString()), 0, 0, false, false);
        try (LogCapture log = new LogCapture(ScriptRunner.class)) {
            ScriptResult result = runToEnd(gone, List.of(), 0);

            assertThat(result.outcome()).isEqualTo(ScriptResult.Outcome.FAILED_TO_START);
            assertThat(log.lines()).containsExactly("Couldn't find command: " + dir.resolve("gone.sh"));
        }
        assertThat(runner.runningCount()).isZero();
    }

    @Test
    void aScriptGetsSigtermWhenTheThreadThatStartedItEnds() throws Exception {
        // PR_SET_PDEATHSIG follows the creating thread: this is why only the long-lived loop
        // thread may start scripts, and why a script dies with the daemon as under keepalived.
        Path running = dir.resolve("running");
        Path script = Scripts.write(dir, "orphan.sh", "touch '" + running + "'\nexec sleep 60");
        AtomicReference<ScriptRunner.Running> started = new AtomicReference<>();
        AtomicReference<ScriptResult> result = new AtomicReference<>();
        Thread shortLived = new Thread(() -> {
            started.set(runner.start("orphan", asRoot(script), List.of(), System.nanoTime(), 0, result::set));
            // stay alive until setpriv has set the parent-death signal and the script runs
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!Files.exists(running) && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
        });
        shortLived.start();
        shortLived.join();

        loop.runUntil(() -> result.get() != null, Duration.ofSeconds(5));

        assertThat(started.get()).isNotNull();
        assertThat(result.get()).isEqualTo(new ScriptResult(ScriptResult.Outcome.SIGNALED, 15));
    }

    private static boolean isZombie(Path proc) {
        try {
            return Files.readString(proc.resolve("stat")).split(" ")[2].equals("Z");
        } catch (IOException e) {
            return true;
        }
    }

}
