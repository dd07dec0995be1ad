package org.jkeepalived.daemon.os;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scripts the way keepalived's {@code system_call_script} does: argv exec'ed directly (no
 * shell, except {@code /bin/sh -c} for keepalived's "&lt;/file" tests), as the script's uid/gid with
 * supplementary groups cleared, in a new session and process group, with
 * {@code PR_SET_PDEATHSIG=SIGTERM}, stdin/stdout/stderr on /dev/null, the daemon's environment
 * minus {@code IFS}, {@code LD_PRELOAD} and {@code LD_LIBRARY_PATH}. The privilege drop, session
 * and parent-death signal come from util-linux's {@code setsid} and {@code setpriv}, which exec the
 * script in place, so the pid we hold is the script's pid and its process group id.
 *
 * <p>Threading: {@link #start}, {@link #onTimer} and {@link #killAll} are called on the event
 * loop thread (the thread that starts a script should live as long as the daemon: Linux sends the
 * parent-death signal when the creating thread exits). Exits are observed on the JDK's process
 * reaper thread and only posted to the loop through the {@link EventPoster}; the completion
 * callback then runs on the loop thread.
 *
 * <p>Timeouts follow keepalived: at the deadline the whole process group gets SIGTERM, two seconds
 * later SIGKILL (repeated every two seconds); when the script dies of our SIGTERM the rest of its
 * group gets SIGKILL. A script killed by us reports {@link ScriptResult.Outcome#TIMED_OUT}.
 */
public final class ScriptRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);
    private static final long KILL_ESCALATION_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final List<String> REMOVED_ENVIRONMENT = List.of("IFS", "LD_PRELOAD", "LD_LIBRARY_PATH");
    private static final File DEV_NULL = new File("/dev/null");

    private final EventPoster poster;
    private final String setsid;
    private final String setpriv;
    private final int ownUid;
    private final Map<Running, Boolean> running = new IdentityHashMap<>();

    /** A started script, for the caller to recognise its completion or cancel it. */
    public final class Running {
        private final String name;
        private final long pid;
        private final Consumer<ScriptResult> onDone;
        private long deadlineNanos;
        private int signalsSent;
        private boolean finished;

        private Running(String name, long pid, long deadlineNanos, Consumer<ScriptResult> onDone) {
            this.name = name;
            this.pid = pid;
            this.deadlineNanos = deadlineNanos;
            this.onDone = onDone;
        }

        /** The script's pid, also its process group id. */
        public long pid() {
            return pid;
        }

        /** Whether its completion has been delivered. */
        public boolean finished() {
            return finished;
        }
    }

    /** Uses {@code /usr/bin/setsid} and {@code /usr/bin/setpriv} (util-linux). */
    public ScriptRunner(EventPoster poster) {
        this(poster, locate("setsid"), locate("setpriv"));
    }

    ScriptRunner(EventPoster poster, String setsid, String setpriv) {
        this.poster = poster;
        this.setsid = setsid;
        this.setpriv = setpriv;
        this.ownUid = UserDb.effectiveUid();
    }

    /**
     * Starts {@code script} with {@code extraArgs} appended (the generic notify's
     * "INSTANCE VI_1 MASTER 150", a FIFO path).
     *
     * @param name          for log lines (the script name or command)
     * @param timeoutNanos  0 for no timeout
     * @param onDone        runs on the loop thread when the script ends; may be null
     * @return the running script, or null when it could not be started (then {@code onDone} is
     *         posted with {@link ScriptResult.Outcome#FAILED_TO_START})
     */
    public Running start(String name, PreparedScript script, List<String> extraArgs, long nowNanos,
                         long timeoutNanos, Consumer<ScriptResult> onDone) {
        String program = script.argv().get(0);
        if (!script.viaShell() && !Files.isExecutable(Path.of(program))) {
            // Removed or changed since the configuration was checked: keepalived's child logs this.
            LOG.error("Couldn't find command: {}", program);
            failedToStart(onDone);
            return null;
        }
        ProcessBuilder builder = new ProcessBuilder(command(script, extraArgs));
        builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        REMOVED_ENVIRONMENT.forEach(builder.environment()::remove);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            LOG.error("Error exec-ing command '{}': {}", script.argv().get(0), e.getMessage());
            failedToStart(onDone);
            return null;
        }
        long deadline = timeoutNanos > 0 ? nowNanos + timeoutNanos : Long.MAX_VALUE;
        Running run = new Running(name, process.pid(), deadline, onDone);
        running.put(run, Boolean.TRUE);
        LOG.debug("Running script {} with pid {}", script.argv().get(0), run.pid);
        process.onExit().thenAccept(p -> poster.post(() -> finish(run, p.exitValue())));
        return run;
    }

    /** The earliest kill deadline of a running script, or {@link Long#MAX_VALUE}. */
    public long nextDeadlineNanos() {
        long next = Long.MAX_VALUE;
        for (Running run : running.keySet()) {
            next = Math.min(next, run.deadlineNanos);
        }
        return next;
    }

    /** Signals every script whose deadline has passed (SIGTERM first, then SIGKILL). */
    public void onTimer(long nowNanos) {
        for (Running run : List.copyOf(running.keySet())) {
            if (nowNanos - run.deadlineNanos >= 0) {
                int signal = run.signalsSent == 0 ? LibC.SIGTERM : LibC.SIGKILL;
                signalGroup(run, signal);
                run.signalsSent++;
                run.deadlineNanos = nowNanos + KILL_ESCALATION_NANOS;
            }
        }
    }

    /** SIGKILLs every running script's process group (reload, shutdown); completions still arrive. */
    public void killAll() {
        kill(running.keySet());
    }

    /** The scripts running now (a copy). */
    public java.util.Set<Running> runningNow() {
        return java.util.Set.copyOf(running.keySet());
    }

    /** SIGKILLs those of {@code runs} that are still running; completions still arrive. */
    public void kill(java.util.Collection<Running> runs) {
        for (Running run : List.copyOf(runs)) {
            if (running.containsKey(run)) {
                run.signalsSent++;
                signalGroup(run, LibC.SIGKILL);
            }
        }
    }

    /** How many scripts are running. */
    public int runningCount() {
        return running.size();
    }

    private void failedToStart(Consumer<ScriptResult> onDone) {
        if (onDone != null) {
            poster.post(() -> onDone.accept(new ScriptResult(ScriptResult.Outcome.FAILED_TO_START, -1)));
        }
    }

    private void finish(Running run, int exitValue) {
        if (running.remove(run) == null) {
            return;
        }
        run.finished = true;
        ScriptResult result;
        // The JDK reports death by signal N as exit value 128 + N.
        boolean bySignal = exitValue > 128 && exitValue <= 128 + 64;
        if (run.signalsSent > 0 && bySignal) {
            signalGroup(run, LibC.SIGKILL);
            result = new ScriptResult(ScriptResult.Outcome.TIMED_OUT, -1);
        } else if (bySignal) {
            result = new ScriptResult(ScriptResult.Outcome.SIGNALED, exitValue - 128);
        } else {
            result = new ScriptResult(ScriptResult.Outcome.EXITED, exitValue);
        }
        if (run.onDone != null) {
            run.onDone.accept(result);
        } else {
            LOG.debug("Script {} (pid {}) ended: {}", run.name, run.pid, result);
        }
    }

    private void signalGroup(Running run, int signal) {
        if (LibC.get().kill((int) -run.pid, signal) != 0) {
            int errno = LibC.errno();
            if (errno != LibC.ESRCH) {
                LOG.info("kill -{} of process {}({}) failed with errno {}", signal, run.name, run.pid, errno);
            }
        }
    }

    private List<String> command(PreparedScript script, List<String> extraArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(setsid);
        argv.add(setpriv);
        if (ownUid == 0) {
            argv.add("--reuid=" + script.uid());
            argv.add("--regid=" + script.gid());
            argv.add("--clear-groups");
        }
        argv.add("--pdeathsig=TERM");
        argv.add("--");
        if (script.viaShell()) {
            List<String> words = new ArrayList<>(script.argv());
            words.addAll(extraArgs);
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(String.join(" ", words));
        } else {
            argv.addAll(script.argv());
            argv.addAll(extraArgs);
        }
        return argv;
    }

    private static String locate(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(tool + " (util-linux) not found in /usr/bin or /bin: it is needed to run scripts");
    }
}
