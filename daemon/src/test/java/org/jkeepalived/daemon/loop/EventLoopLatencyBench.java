package org.jkeepalived.daemon.loop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/**
 * Timer lateness of the event loop (how long after its deadline a timer fires) with the kernel's
 * default 50 µs timer slack, with the loop's 1 µs slack, and with a park-then-spin wait for the last
 * 100 µs, and the loop thread's CPU time for each. A measurement, not a test: the class name keeps
 * it out of the normal run. Command:
 * {@code mvn -B -o -q -pl daemon -am test -Dtest='EventLoopLatencyBench' -Dsurefire.failIfNoSpecifiedTests=false};
 * the lines start with BENCH in daemon/target/surefire-reports/*EventLoopLatencyBench-output.txt.
 */
class EventLoopLatencyBench {
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int SAMPLES = 2_000;
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void timerLateness() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            report("loop, default 50 us slack", loopLateness(50_000));
            report("loop, 1 us slack", loopLateness(1_000));
            report("park + spin last 100 us, 1 us slack", spinLateness());
        }
    }

    /** Lateness samples (ns) and, as the last element, the loop thread's CPU ns over the run. */
    private static long[] loopLateness(long slackNanos) throws InterruptedException {
        EventLoop loop = new EventLoop();
        long[] out = new long[SAMPLES + 1];
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(loop::run, "latency-loop");
        thread.start();
        loop.post(() -> {
            TimerSlack.set(slackNanos);
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long first = loop.now() + PERIOD_NANOS;
            loop.schedule(new Timed() {
                private int n;
                private long deadline = first;

                @Override
                protected void fire(long nowNanos) {
                    out[n++] = System.nanoTime() - deadline;
                    if (n == SAMPLES) {
                        out[SAMPLES] = THREADS.getCurrentThreadCpuTime() - cpuStart;
                        done.countDown();
                        return;
                    }
                    deadline += PERIOD_NANOS;
                    loop.schedule(this, deadline);
                }
            }, first);
        });
        done.await(60, TimeUnit.SECONDS);
        loop.stop();
        thread.join(5000);
        return out;
    }

    private static long[] spinLateness() throws InterruptedException {
        long[] out = new long[SAMPLES + 1];
        Thread thread = new Thread(() -> {
            TimerSlack.set(1_000);
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long deadline = System.nanoTime() + PERIOD_NANOS;
            for (int n = 0; n < SAMPLES; n++, deadline += PERIOD_NANOS) {
                long wait = deadline - SPIN_NANOS - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                while (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                out[n] = System.nanoTime() - deadline;
            }
            out[SAMPLES] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }, "latency-spin");
        thread.start();
        thread.join(60_000);
        return out;
    }

    private static void report(String name, long[] samples) {
        long cpu = samples[SAMPLES];
        long[] v = Arrays.copyOf(samples, SAMPLES);
        Arrays.sort(v);
        System.out.printf("BENCH %-40s p50 %6.1f us  p90 %6.1f us  p99 %7.1f us  max %8.1f us  CPU %5.2f%% of a core%n",
                name, v[SAMPLES / 2] / 1e3, v[SAMPLES * 9 / 10] / 1e3, v[SAMPLES * 99 / 100] / 1e3, v[SAMPLES - 1] / 1e3,
                100.0 * cpu / (SAMPLES * (double) PERIOD_NANOS));
    }
}
