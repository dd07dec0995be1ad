package org.jkeepalived.daemon.loop;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's single-threaded event loop, in the shape of Aeron's conductor: each turn reads the
 * clock once, fires due timers, then drains received packets, kernel (netlink) events and
 * commands, in that order. Everything that owns VRRP state runs on this one thread; other threads
 * (packet readers, the netlink monitor, signal handlers, child-process watchers, the status
 * listener) only {@code post} work into it.
 *
 * <p>Waiting parks the loop thread until the earliest deadline ({@link LockSupport#parkNanos}),
 * never a fixed-rate executor, so timer lateness stays in the tens to hundreds of microseconds;
 * posting unparks it at once. The loop thread runs with a 1 µs timer slack ({@link TimerSlack}):
 * the kernel's default 50 µs would be added to most wake-ups (measured p50 lateness about 90 µs
 * with the default, 40 µs with 1 µs; {@code EventLoopLatencyBench}). There is no busy spin before
 * a deadline: spinning the last 100 µs cut p50 to under 1 µs but cost about 50 µs of CPU per
 * timer, up to a quarter of a core at 255 instances × 10 adverts/s, for 40 µs out of a 1 ms budget.
 */
public final class EventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    /** Work drained per queue per turn, so a packet flood cannot starve timers. */
    private static final int DRAIN_LIMIT = 256;
    /** Timers fired per turn; a timer that keeps rescheduling itself into the past cannot spin forever. */
    private static final int FIRE_LIMIT = 4096;
    private static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LOOP_TIMER_SLACK_NANOS = 1_000;

    private final DeadlineHeap timers = new DeadlineHeap();
    private final Queue<Runnable> packets = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> kernelEvents = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong turns = new AtomicLong();
    private volatile Thread loopThread;
    private volatile boolean running;
    private long turnNanos;

    /** Posts a received packet's handling (from a reader thread). */
    public void postPacket(Runnable work) {
        packets.add(work);
        wake();
    }

    /** Posts a kernel event's handling (from the netlink monitor thread). */
    public void postKernelEvent(Runnable work) {
        kernelEvents.add(work);
        wake();
    }

    /** Posts a command: reload, stop, a status query, a finished child process. */
    public void post(Runnable work) {
        commands.add(work);
        wake();
    }

    /** Sets a timer's deadline (loop thread only); {@link Timed#NEVER} cancels it. */
    public void schedule(Timed timer, long deadlineNanos) {
        timers.schedule(timer, deadlineNanos);
    }

    public void cancel(Timed timer) {
        timers.remove(timer);
    }

    /**
     * This turn's clock reading: the time every handler in the turn should use. Commands get a
     * reading taken just before each of them, so a long command never sees a stale clock.
     */
    public long now() {
        return turnNanos;
    }

    /** True on the loop thread. */
    public boolean inLoop() {
        return Thread.currentThread() == loopThread;
    }

    /** Handlers that threw (each was logged; the loop carried on). */
    public long failures() {
        return failures.get();
    }

    public long turns() {
        return turns.get();
    }

    /** Makes {@link #run()} return after the current turn. Any thread. */
    public void stop() {
        running = false;
        wake();
    }

    /** Runs the loop on the calling thread until {@link #stop()}. */
    public void run() {
        loopThread = Thread.currentThread();
        if (!TimerSlack.set(LOOP_TIMER_SLACK_NANOS)) {
            LOG.debug("loop thread keeps the default timer slack");
        }
        running = true;
        turnNanos = System.nanoTime();
        while (running) {
            turnNanos = System.nanoTime();
            turns.incrementAndGet();
            fireDueTimers();
            drain(packets, false);
            drain(kernelEvents, false);
            drain(commands, true);
            if (!running) {
                break;
            }
            if (packets.isEmpty() && kernelEvents.isEmpty() && commands.isEmpty()) {
                long wait = timers.earliestNanos() == Timed.NEVER ? MAX_PARK_NANOS
                        : Math.min(MAX_PARK_NANOS, timers.earliestNanos() - System.nanoTime());
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
        loopThread = null;
    }

    private void fireDueTimers() {
        for (int i = 0; i < FIRE_LIMIT; i++) {
            Timed due = timers.pollDue(turnNanos);
            if (due == null) {
                return;
            }
            try {
                due.fire(turnNanos);
            } catch (RuntimeException | Error e) {
                failed("timer", e);
            }
        }
    }

    /**
     * @param freshClock read the clock again before each item: commands (start, reload) can run for
     *                   hundreds of milliseconds, and a timer armed from a turn clock that old
     *                   expires at once (a starting backup took over from a live master)
     */
    private void drain(Queue<Runnable> queue, boolean freshClock) {
        for (int i = 0; i < DRAIN_LIMIT; i++) {
            Runnable work = queue.poll();
            if (work == null) {
                return;
            }
            if (freshClock) {
                turnNanos = System.nanoTime();
            }
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                failed("event", e);
            }
        }
    }

    private void failed(String what, Throwable e) {
        failures.incrementAndGet();
        if (e instanceof VirtualMachineError vme) {
            throw vme;
        }
        LOG.error("internal error handling {} - continuing", what, e);
    }

    private void wake() {
        Thread t = loopThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
