package org.jkeepalived.netlink;

import java.util.concurrent.TimeUnit;

/** Waits for observable state with a deadline, re-checking every few milliseconds. */
final class Poll {
    private Poll() {
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    static void until(Condition condition, long timeoutMillis, String what) throws Exception {
        until(condition, timeoutMillis, () -> what);
    }

    /** As above, with the description computed at failure time (e.g. to show the last value seen). */
    static void until(Condition condition, long timeoutMillis, java.util.function.Supplier<String> what)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what.get());
            }
            Thread.sleep(20); // polling interval, not synchronisation: the condition decides
        }
    }
}
