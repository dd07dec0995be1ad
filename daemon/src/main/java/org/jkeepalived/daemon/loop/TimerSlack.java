package org.jkeepalived.daemon.loop;

import jnr.ffi.LibraryLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the calling thread's Linux timer slack ({@code prctl(PR_SET_TIMERSLACK)}). The kernel may
 * defer a sleeping thread's wake-up by up to its slack (50 µs by default) to batch timer
 * interrupts; the event loop's {@code parkNanos} to a VRRP deadline pays it on every timer.
 * keepalived's timerfd-driven loop does not. Best effort: on failure the default slack stays and
 * a debug line says why. Thread-safe; it changes only the calling thread.
 */
public final class TimerSlack {
    private static final Logger LOG = LoggerFactory.getLogger(TimerSlack.class);
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;

    private TimerSlack() {
    }

    /** The one libc call this class needs; public only because jnr-ffi implements it in another class loader. */
    public interface Prctl {
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);
    }

    /**
     * Sets the calling thread's slack to {@code nanos} (at least 1: 0 would mean "the process
     * default"). Returns whether the kernel accepted it.
     */
    public static boolean set(long nanos) {
        try {
            return Holder.LIBC.prctl(PR_SET_TIMERSLACK, Math.max(1, nanos), 0, 0, 0) == 0;
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("timer slack unchanged: {}", e.toString());
            return false;
        }
    }

    /** The calling thread's current slack in nanoseconds, or -1 when it cannot be read. */
    public static long get() {
        try {
            return Holder.LIBC.prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static final class Holder {
        static final Prctl LIBC = LibraryLoader.create(Prctl.class).load(org.jkeepalived.daemon.os.LibC.LIBRARY);
    }
}
