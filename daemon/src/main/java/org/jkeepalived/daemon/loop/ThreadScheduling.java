package org.jkeepalived.daemon.loop;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduling of the calling thread alone (Linux applies {@code setpriority} and
 * {@code sched_setscheduler} to one thread when given its thread id): a nice value, or the
 * real-time round-robin class. The daemon uses it for its event loop thread, so that a woken
 * helper thread of its own (log writer, netlink or capture reader) or a CPU-bound neighbour does
 * not delay a timer or a takeover that is already running. Thread-safe; it changes only the
 * calling thread. Raising a priority needs CAP_SYS_NICE (root has it).
 */
public final class ThreadScheduling {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadScheduling.class);
    private static final int PRIO_PROCESS = 0;
    private static final int SCHED_RR = 2;
    /**
     * Or'ed into the policy: threads and processes the thread creates start in SCHED_OTHER at
     * nice 0 (as keepalived's realtime VRRP process does for its scripts), so a notify script or
     * a helper thread never inherits a real-time class.
     */
    private static final int SCHED_RESET_ON_FORK = 0x40000000;
    /** Linux's range for SCHED_RR priorities (sched_get_priority_min/max). */
    public static final int RR_MIN = 1;
    public static final int RR_MAX = 99;
    public static final int NICE_MIN = -20;
    public static final int NICE_MAX = 19;

    private ThreadScheduling() {
    }

    /** The libc calls this class needs; public only because jnr-ffi implements it in another class loader. */
    public interface Sched {
        int gettid();

        int setpriority(int which, int who, int prio);

        int sched_setscheduler(int pid, int policy, @In int[] param);
    }

    /** Sets the calling thread's nice value ({@code -20..19}, clamped); returns whether the kernel accepted it. */
    public static boolean nice(int nice) {
        int value = Math.max(NICE_MIN, Math.min(NICE_MAX, nice));
        try {
            Sched libc = Holder.LIBC;
            return libc.setpriority(PRIO_PROCESS, libc.gettid(), value) == 0;
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("thread nice value unchanged: {}", e.toString());
            return false;
        }
    }

    /**
     * Puts the calling thread in SCHED_RR at {@code priority} ({@code 1..99}, clamped), with
     * SCHED_RESET_ON_FORK; returns whether the kernel accepted it.
     */
    public static boolean roundRobin(int priority) {
        int value = Math.max(RR_MIN, Math.min(RR_MAX, priority));
        try {
            Sched libc = Holder.LIBC;
            return libc.sched_setscheduler(libc.gettid(), SCHED_RR | SCHED_RESET_ON_FORK, new int[] {value}) == 0;
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("thread scheduling class unchanged: {}", e.toString());
            return false;
        }
    }

    private static final class Holder {
        static final Sched LIBC = LibraryLoader.create(Sched.class).load(org.jkeepalived.daemon.os.LibC.LIBRARY);
    }
}
