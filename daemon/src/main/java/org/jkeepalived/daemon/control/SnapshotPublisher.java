package org.jkeepalived.daemon.control;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.loop.Timed;

/**
 * Publishes a fresh {@link Snapshot} through a volatile reference: rebuilt on the loop thread at
 * least once a second and on the turn after every {@link #requestRebuild() request} (several
 * requests in one turn coalesce into one rebuild). Readers on any thread call {@link #current()}
 * and never wait for the loop, so a scrape can neither block nor slow it.
 */
public final class SnapshotPublisher extends Timed {
    static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventLoop loop;
    private final Supplier<Snapshot> builder;
    private volatile Snapshot current;
    private long rebuilds;

    /**
     * @param builder builds a snapshot; called on the loop thread only
     * @param initial what readers see before the first rebuild
     */
    public SnapshotPublisher(EventLoop loop, Supplier<Snapshot> builder, Snapshot initial) {
        this.loop = loop;
        this.builder = builder;
        this.current = initial;
    }

    /** The latest snapshot; any thread, never blocks. */
    public Snapshot current() {
        return current;
    }

    /** Rebuild on the next loop turn (loop thread). */
    public void requestRebuild() {
        if (deadlineNanos() > loop.now()) {
            loop.schedule(this, loop.now());
        }
    }

    /** Rebuilds now (loop thread): used when a command's reply must show its effect. */
    public Snapshot rebuildNow() {
        current = builder.get();
        rebuilds++;
        loop.schedule(this, loop.now() + PERIOD_NANOS);
        return current;
    }

    /** Rebuilds since start (loop thread). */
    long rebuilds() {
        return rebuilds;
    }

    @Override
    protected void fire(long nowNanos) {
        rebuildNow();
    }
}
