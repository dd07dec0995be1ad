package org.jkeepalived.daemon.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The loop's timer path (park until the earliest deadline, pop due timers, fire, re-arm) allocates
 * nothing in steady state: 64 timers re-arming themselves every millisecond, measured with the
 * loop thread's own allocation counter after a warm-up.
 */
class EventLoopAllocationTest {
    private static final int TIMERS = 64;
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int WARMUP_FIRES = 100_000;
    private static final int MEASURED_FIRES = 20_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A periodic timer whose fire() counts and re-arms; the first and last measured fires read the counter. */
    private static final class Periodic extends Timed {
        private final EventLoop loop;
        private final Counter counter;
        private long deadline;

        Periodic(EventLoop loop, Counter counter, long firstDeadline) {
            this.loop = loop;
            this.counter = counter;
            this.deadline = firstDeadline;
        }

        @Override
        protected void fire(long nowNanos) {
            counter.fired(nowNanos);
            deadline += PERIOD_NANOS;
            loop.schedule(this, deadline);
        }
    }

    private static final class Counter {
        final CountDownLatch done = new CountDownLatch(1);
        long fires;
        long allocatedAtStart = -1;
        long allocatedAtEnd = -1;

        void fired(long nowNanos) {
            fires++;
            if (fires == WARMUP_FIRES) {
                allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
            } else if (fires == WARMUP_FIRES + MEASURED_FIRES) {
                allocatedAtEnd = THREADS.getCurrentThreadAllocatedBytes();
                done.countDown();
            }
        }
    }

    @Test
    void steadyStateTimersAllocateNothingOnTheLoopThread() throws InterruptedException {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        EventLoop loop = new EventLoop();
        Counter counter = new Counter();
        Thread thread = new Thread(loop::run, "alloc-loop");
        thread.start();
        try {
            loop.post(() -> {
                long start = loop.now();
                for (int i = 0; i < TIMERS; i++) {
                    long first = start + PERIOD_NANOS + i * (PERIOD_NANOS / TIMERS);
                    loop.schedule(new Periodic(loop, counter, first), first);
                }
            });
            assertThat(counter.done.await(60, TimeUnit.SECONDS)).as("all fires within 60 s").isTrue();
        } finally {
            loop.stop();
            thread.join(5000);
        }
        assertThat(counter.allocatedAtStart).isNotNegative();
        assertThat(counter.allocatedAtEnd - counter.allocatedAtStart)
                .as("bytes allocated by the loop thread over %d timer fires", MEASURED_FIRES)
                .isZero();
    }
}
