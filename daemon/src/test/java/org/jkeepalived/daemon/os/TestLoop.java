package org.jkeepalived.daemon.os;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A stand-in for the daemon's event loop in tests: worker threads post here, and the test thread
 * runs the posted events while it polls for a condition, with a deadline. Single consumer: only
 * the test thread calls {@link #runUntil}.
 */
public final class TestLoop implements EventPoster {
    private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();

    @Override
    public void post(Runnable event) {
        events.add(event);
    }

    /** Runs posted events until {@code done} holds; fails the test after {@code timeout}. */
    public void runUntil(BooleanSupplier done, Duration timeout) {
        runUntil(done, timeout, now -> { });
    }

    /**
     * As {@link #runUntil(BooleanSupplier, Duration)}, also calling {@code tick} with the monotonic
     * time every 10 ms at most (the loop's timer turn).
     */
    public void runUntil(BooleanSupplier done, Duration timeout, LongConsumer tick) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now - deadline > 0) {
                throw new AssertionError("condition not reached within " + timeout);
            }
            tick.accept(now);
            try {
                Runnable event = events.poll(10, TimeUnit.MILLISECONDS);
                if (event != null) {
                    event.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
