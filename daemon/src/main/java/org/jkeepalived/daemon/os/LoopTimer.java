package org.jkeepalived.daemon.os;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.loop.Timed;

/**
 * Binds a service that exposes {@code nextDeadlineNanos()} / {@code onTimer(nowNanos)} (the
 * {@link ScriptRunner}, a {@code ScriptTracker}, a {@code ProcessTracker}, the {@link SdNotifier}
 * watchdog) to the {@link EventLoop}'s timer heap: when the deadline passes the loop calls
 * {@code onTimer} with its turn clock and re-arms at the service's next deadline.
 *
 * <p>Call {@link #rearm()} after anything that may move the deadline earlier from outside a timer
 * callback (a script started, a posted process count). Loop thread only.
 */
public final class LoopTimer extends Timed {
    private final EventLoop loop;
    private final LongSupplier nextDeadline;
    private final LongConsumer onTimer;

    public LoopTimer(EventLoop loop, LongSupplier nextDeadline, LongConsumer onTimer) {
        this.loop = loop;
        this.nextDeadline = nextDeadline;
        this.onTimer = onTimer;
    }

    /** Schedules at the service's current next deadline (or cancels when it has none). */
    public void rearm() {
        loop.schedule(this, nextDeadline.getAsLong());
    }

    @Override
    protected void fire(long nowNanos) {
        onTimer.accept(nowNanos);
        rearm();
    }
}
