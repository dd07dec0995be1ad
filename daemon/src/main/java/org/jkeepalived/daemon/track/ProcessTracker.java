package org.jkeepalived.daemon.track;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code vrrp_track_process}: UP while the number of matching processes is within
 * [quorum, quorum_max]. A change caused by processes appearing takes effect after
 * {@code fork_delay}, one caused by processes ending after {@code terminate_delay}; a change that
 * reverts before its delay expires is dropped. Logs keepalived's
 * {@code Quorum gained|lost for tracked process NAME}.
 *
 * <p>Counts come from {@link ProcessScanner} (posted to the loop); the loop calls
 * {@link #onTimer(long)} with its clock when {@link #nextDeadlineNanos()} is due. Loop thread only.
 */
public final class ProcessTracker implements TrackedSource {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTracker.class);

    private final String name;
    private final ProcessMatcher matcher;
    private final int quorum;
    private final int quorumMax;
    private final long forkDelayNanos;
    private final long terminateDelayNanos;
    private final Consumer<ProcessTracker> onChange;

    private boolean up;
    private int count;
    private int latestCount = -1;
    private boolean countPending;
    private boolean pendingUp;
    private long pendingSinceCount;
    private long applyAtNanos = Long.MAX_VALUE;

    /**
     * @param quorum    minimum matching processes (keepalived default 1)
     * @param quorumMax maximum matching processes, or -1 for no maximum
     */
    public ProcessTracker(String name, ProcessMatcher matcher, int quorum, int quorumMax, long forkDelayNanos,
                          long terminateDelayNanos, Consumer<ProcessTracker> onChange) {
        this.name = name;
        this.matcher = matcher;
        this.quorum = quorum;
        this.quorumMax = quorumMax < 0 ? Integer.MAX_VALUE : quorumMax;
        this.forkDelayNanos = forkDelayNanos;
        this.terminateDelayNanos = terminateDelayNanos;
        this.onChange = onChange;
    }

    @Override
    public String name() {
        return name;
    }

    public ProcessMatcher matcher() {
        return matcher;
    }

    /** Whether quorum is held (after delays). */
    public boolean up() {
        return up;
    }

    /** The matching process count last applied. */
    public int count() {
        return count;
    }

    /** Sets the state from a start-up scan, with no delay (keepalived counts existing processes at once). */
    public void initialise(int initialCount) {
        count = initialCount;
        latestCount = initialCount;
        up = inQuorum(initialCount);
    }

    /** Records a scan result; applied at the loop's next {@link #onTimer}. */
    public void offerCount(int newCount) {
        latestCount = newCount;
        countPending = true;
    }

    /** {@link Long#MIN_VALUE} when a count waits to be applied, else the end of a running delay. */
    public long nextDeadlineNanos() {
        return countPending ? Long.MIN_VALUE : applyAtNanos;
    }

    /** Applies a pending count and an expired delay. */
    public void onTimer(long nowNanos) {
        if (countPending) {
            countPending = false;
            applyCount(latestCount, nowNanos);
        }
        if (applyAtNanos != Long.MAX_VALUE && nowNanos - applyAtNanos >= 0) {
            applyAtNanos = Long.MAX_VALUE;
            setUp(pendingUp);
        }
    }

    private void applyCount(int newCount, long nowNanos) {
        int previous = count;
        count = newCount;
        boolean wanted = inQuorum(newCount);
        if (wanted == up) {
            applyAtNanos = Long.MAX_VALUE; // reverted before the delay expired
            return;
        }
        if (applyAtNanos != Long.MAX_VALUE && pendingUp == wanted) {
            return; // already waiting for this change
        }
        long delay = newCount > previous ? forkDelayNanos : terminateDelayNanos;
        pendingUp = wanted;
        pendingSinceCount = previous;
        if (delay <= 0) {
            applyAtNanos = Long.MAX_VALUE;
            setUp(wanted);
        } else {
            applyAtNanos = nowNanos + delay;
        }
    }

    private void setUp(boolean nowUp) {
        if (nowUp == up) {
            return;
        }
        up = nowUp;
        LOG.info("Quorum {} for tracked process {}", nowUp ? "gained" : "lost", name);
        onChange.accept(this);
    }

    private boolean inQuorum(int n) {
        return n >= quorum && n <= quorumMax;
    }

    @Override
    public int contribution(int weight, boolean reverse) {
        return TrackedSource.binaryContribution(up, weight, reverse);
    }

    @Override
    public boolean faults(int weight, boolean reverse) {
        return TrackedSource.binaryFaults(up, weight, reverse);
    }

    @Override
    public String toString() {
        return "ProcessTracker[" + name + " count=" + count + " up=" + up + " pendingFrom=" + pendingSinceCount + "]";
    }
}
