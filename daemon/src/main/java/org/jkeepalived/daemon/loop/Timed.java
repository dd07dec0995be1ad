package org.jkeepalived.daemon.loop;

/**
 * Something with a deadline on the loop's monotonic clock ({@link System#nanoTime()} scale), kept
 * in a {@link DeadlineHeap}. The heap stores its position in the object itself, so rescheduling
 * is O(log n) and allocates nothing.
 */
public abstract class Timed {
    /** No deadline: the entry is not in the heap. */
    public static final long NEVER = Long.MAX_VALUE;

    long deadlineNanos = NEVER;
    int heapIndex = -1;

    public final long deadlineNanos() {
        return deadlineNanos;
    }

    /** Called on the loop thread when the deadline has passed; {@code nowNanos} is this turn's clock. */
    protected abstract void fire(long nowNanos);
}
