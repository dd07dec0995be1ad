package org.jkeepalived.daemon.track;

import java.util.List;
import java.util.function.Consumer;

import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptResult;
import org.jkeepalived.daemon.os.ScriptRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code vrrp_script}: runs its script every interval (the first run at {@link #start}), kills it
 * at its timeout (a timeout counts as a failure), and turns results into GOOD/BAD with
 * keepalived's rise/fall counter: {@code rise} consecutive successes make a BAD script GOOD,
 * {@code fall} consecutive failures make a GOOD one BAD. Before its first result the script is in
 * INIT, where a success or failure is enough (keepalived's "one success is enough"); with
 * {@code init_fail} it starts BAD and needs {@code rise} successes.
 *
 * <p>Logs keepalived's lines ({@code VRRP_Script(chk) succeeded},
 * {@code VRRP_Script(chk) failed (exited with status 1)}, {@code VRRP_Script(chk) timed_out},
 * {@code Script `chk` now returning 1}). A run is skipped, with keepalived's line, while the
 * previous one is still running.
 *
 * <p>Loop thread only: {@link #onTimer} is driven by the loop's clock; results arrive through the
 * {@link ScriptRunner}'s posted completions. {@code onChange} runs on the loop thread whenever the
 * GOOD/BAD/INIT status changes.
 */
public final class ScriptTracker implements TrackedSource {
    /** The script's status as trackers see it. */
    public enum Status {
        /** no result yet (weight-0 trackers keep their instance in FAULT) */
        INIT,
        /** rise reached */
        GOOD,
        /** fall reached, or init_fail before the first success */
        BAD,
    }

    private static final Logger LOG = LoggerFactory.getLogger(ScriptTracker.class);

    private final String name;
    private final PreparedScript script;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final int rise;
    private final int fall;
    private final ScriptRunner runner;
    private final Consumer<ScriptTracker> onChange;

    /** keepalived's init_state. */
    private enum InitState { INIT, INIT_RELOAD, FAILED, DONE }

    private InitState initState;
    private int result;
    private int lastStatus;
    private long nextRunNanos = Long.MAX_VALUE;
    private ScriptRunner.Running running;

    /**
     * @param intervalNanos period between runs (keepalived default 1 s)
     * @param timeoutNanos  kill after this; 0 means the interval (keepalived's default)
     * @param rise          successes for GOOD, at least 1
     * @param fall          failures for BAD, at least 1
     */
    public ScriptTracker(String name, PreparedScript script, long intervalNanos, long timeoutNanos, int rise, int fall,
                         boolean initFail, ScriptRunner runner, Consumer<ScriptTracker> onChange) {
        if (intervalNanos <= 0 || rise < 1 || fall < 1) {
            throw new IllegalArgumentException("vrrp_script " + name + ": interval, rise and fall must be positive");
        }
        this.name = name;
        this.script = script;
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos > 0 ? timeoutNanos : intervalNanos;
        this.rise = rise;
        this.fall = fall;
        this.runner = runner;
        this.onChange = onChange;
        this.result = initFail ? 0 : rise - 1;
        this.initState = initFail ? InitState.FAILED : InitState.INIT;
    }

    /**
     * Marks a script that first appears in a reloaded configuration: until its first result it
     * neither faults weight-0 instances nor changes priorities (keepalived's INIT_RELOAD).
     */
    public void markNewOnReload() {
        if (initState == InitState.INIT) {
            initState = InitState.INIT_RELOAD;
        }
    }

    /**
     * Carries the previous configuration's result of the script with the same name over a reload,
     * rescaled to this script's rise/fall, as keepalived does, with its log line.
     */
    public void inheritFrom(ScriptTracker old) {
        if (old.initState == InitState.INIT) {
            initState = InitState.INIT;
            result = rise - 1;
            return;
        }
        if (old.initState == InitState.INIT_RELOAD) {
            initState = InitState.INIT_RELOAD;
            return;
        }
        int max = rise + fall - 1;
        if (old.result < old.rise) {
            result = old.result == 0 ? 0 : Math.max(0, rise - (old.rise - old.result));
            LOG.info("VRRP_Script({}) considered unsuccessful on reload", name);
        } else {
            result = old.result == old.rise + old.fall - 1 ? max : Math.min(max, rise + (old.result - old.rise));
            LOG.info("VRRP_Script({}) considered successful on reload", name);
        }
        lastStatus = old.lastStatus;
        initState = InitState.DONE;
    }

    @Override
    public String name() {
        return name;
    }

    /** INIT before the first result (unless init_fail), then GOOD or BAD. */
    public Status status() {
        if (initState == InitState.INIT || initState == InitState.INIT_RELOAD) {
            return Status.INIT;
        }
        return result >= rise ? Status.GOOD : Status.BAD;
    }

    /** Schedules the first run at {@code nowNanos}, as keepalived runs every script at start-up. */
    public void start(long nowNanos) {
        nextRunNanos = nowNanos;
    }

    /** When {@link #onTimer} next has work, or {@link Long#MAX_VALUE} before {@link #start}. */
    public long nextDeadlineNanos() {
        return nextRunNanos;
    }

    /** Starts a run if one is due; the next run is one interval after this one was due. */
    public void onTimer(long nowNanos) {
        if (nowNanos - nextRunNanos < 0) {
            return;
        }
        long due = nextRunNanos;
        nextRunNanos = due + intervalNanos;
        if (nowNanos - nextRunNanos >= 0) {
            nextRunNanos = nowNanos + intervalNanos; // we were late by more than an interval: do not burst
        }
        if (running != null && !running.finished()) {
            LOG.info("Track script {} is already running, expect idle - skipping run", name);
            return;
        }
        running = runner.start(name, script, List.of(), nowNanos, timeoutNanos, this::onResult);
    }

    /** Stops scheduling runs (reload, shutdown); a running script is left to the runner's killAll. */
    public void stop() {
        nextRunNanos = Long.MAX_VALUE;
    }

    @Override
    public int contribution(int weight, boolean reverse) {
        Status status = status();
        if (status == Status.INIT) {
            return 0;
        }
        return TrackedSource.binaryContribution(status == Status.GOOD, weight, reverse);
    }

    @Override
    public boolean faults(int weight, boolean reverse) {
        if (weight != 0) {
            return false;
        }
        return switch (initState) {
            // keepalived: weight-0 scripts in init, or with init_fail, keep the instance down ...
            case INIT, FAILED -> true;
            // ... but one added by a reload does not until it has a result
            case INIT_RELOAD -> false;
            case DONE -> TrackedSource.binaryFaults(status() == Status.GOOD, weight, reverse);
        };
    }

    /** Applies one result; package-private so that tests can drive the counter without processes. */
    void onResult(ScriptResult outcome) {
        Status before = status();
        String exitType;
        String reason = null;
        switch (outcome.outcome()) {
            case EXITED -> {
                int status = outcome.exitStatus();
                if (status != lastStatus) {
                    LOG.info("Script `{}` now returning {}", name, status);
                }
                lastStatus = status;
                exitType = status == 0 ? "succeeded" : "failed";
                reason = status == 0 ? null : "exited with status " + status;
            }
            case SIGNALED -> {
                exitType = "failed";
                reason = "due to signal " + outcome.exitStatus();
            }
            case TIMED_OUT -> exitType = "timed_out";
            default -> {
                exitType = "failed";
                reason = "could not be started";
            }
        }
        count(outcome.succeeded(), exitType, reason);
        initState = InitState.DONE;
        if (status() != before) {
            onChange.accept(this);
        }
    }

    private void count(boolean success, String exitType, String reason) {
        int max = rise + fall - 1;
        if (success) {
            if (result < rise - 1) {
                result++;
            } else if (result != max) {
                if (result < rise) {
                    LOG.info("VRRP_Script({}) {}", name, exitType);
                }
                result = max;
            }
        } else if (result > rise) {
            result--;
        } else {
            if (result == rise || initState == InitState.INIT || initState == InitState.INIT_RELOAD) {
                LOG.info(reason == null ? "VRRP_Script({}) {}" : "VRRP_Script({}) {} ({})", name, exitType, reason);
            }
            result = 0;
        }
    }
}
