package org.jkeepalived.daemon.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for observable state with a deadline: the condition is re-evaluated every
 * {@value #STEP_MILLIS} ms until it holds or the deadline passes, then the wait fails with a
 * message naming what was awaited. Tests never use a fixed sleep to synchronise.
 */
public final class Poll {
    static final long STEP_MILLIS = 10;

    private Poll() {
    }

    /** Waits until {@code condition} holds; throws {@link AssertionError} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        untilPresent(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until {@code probe} yields a value and returns it; throws {@link AssertionError} after {@code timeout}. */
    public static <T> T untilPresent(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            pause(STEP_MILLIS);
        }
    }

    /**
     * Checks that {@code condition} holds at every poll for the whole of {@code period} (a
     * "nothing changes" assertion); fails at the first poll where it does not.
     */
    public static void holdsFor(String what, Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            pause(STEP_MILLIS);
        } while (System.nanoTime() - end < 0);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }
}
