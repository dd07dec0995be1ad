package org.jkeepalived.daemon;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jkeepalived.config.model.GlobalDefs;
import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.os.LoopTimer;
import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptChecker;
import org.jkeepalived.daemon.os.ScriptCommand;
import org.jkeepalived.daemon.os.ScriptResult;
import org.jkeepalived.daemon.os.ScriptRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code startup_script} and {@code shutdown_script} ({@code global_defs}), as keepalived 2.2.7
 * runs them (observed in a namespace): the startup script before VRRP starts, which waits for it
 * (at most {@code startup_script_timeout}, default 10 s), the shutdown script after VRRP has
 * stopped, likewise; a failure or timeout is logged and changes nothing else. Both run as any
 * keepalived script does (script user, script security). Loop thread only.
 */
final class LifecycleScripts {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");
    private static final long DEFAULT_TIMEOUT_SECONDS = 10;

    private final EventLoop loop;
    private final ScriptRunner runner;
    private final LoopTimer timer;

    LifecycleScripts(EventLoop loop) {
        this.loop = loop;
        this.runner = new ScriptRunner(loop::post);
        this.timer = new LoopTimer(loop, runner::nextDeadlineNanos, runner::onTimer);
    }

    /** Runs {@code startup_script}, then {@code then} (at once when there is none or it cannot run). */
    void runStartup(GlobalDefs globals, ScriptChecker checker, Runnable then) {
        run("startup", globals.otherSettings().get("startup_script"),
                globals.otherSettings().get("startup_script_timeout"), checker, then);
    }

    /** Runs {@code shutdown_script}, then {@code then} (at once when there is none or it cannot run). */
    void runShutdown(GlobalDefs globals, ScriptChecker checker, Runnable then) {
        run("shutdown", globals.otherSettings().get("shutdown_script"),
                globals.otherSettings().get("shutdown_script_timeout"), checker, then);
    }

    private void run(String kind, List<String> args, List<String> timeout, ScriptChecker checker, Runnable then) {
        if (args == null || args.isEmpty()) {
            then.run();
            return;
        }
        List<String> argv = List.of(args.get(0).trim().split("\\s+"));
        PreparedScript script = checker.check(new ScriptCommand(argv, args.size() > 1 ? args.get(1) : null,
                args.size() > 2 ? args.get(2) : null)).orElse(null);
        if (script == null) {
            LOG.error("{} script {} cannot be run", kind, argv.get(0));
            then.run();
            return;
        }
        long timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds(timeout));
        LOG.info("Running {} script {}", kind, argv.get(0));
        ScriptRunner.Running run = runner.start(kind + "_script", script, List.of(), loop.now(), timeoutNanos,
                result -> {
                    report(kind, result);
                    timer.rearm();
                    then.run();
                });
        if (run != null) {
            timer.rearm();
        }
    }

    /** keepalived's wording, "script" doubled included. */
    private static void report(String kind, ScriptResult result) {
        switch (result.outcome()) {
            case EXITED -> {
                if (result.exitStatus() == 0) {
                    LOG.info("{} script script succeeded", kind);
                } else {
                    LOG.info("{} script script failed, status {}", kind, result.exitStatus());
                }
            }
            case TIMED_OUT -> LOG.info("{} script timed out", kind);
            default -> LOG.info("{} script script failed ({})", kind, result.outcome());
        }
    }

    private static long timeoutSeconds(List<String> value) {
        try {
            return value == null || value.isEmpty() ? DEFAULT_TIMEOUT_SECONDS : Long.parseLong(value.get(0));
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
    }
}
