package org.jkeepalived.daemon.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLoopTest {
    private EventLoop loop;
    private Thread thread;

    @BeforeEach
    void start() {
        loop = new EventLoop();
        thread = new Thread(loop::run, "test-loop");
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.stop();
        thread.join(5000);
        assertThat(thread.isAlive()).as("loop thread stopped").isFalse();
    }

    @Test
    void firesTimersInDeadlineOrderOnTheLoopThreadNotBeforeTheirDeadline() throws InterruptedException {
        List<String> fired = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        long[] lateness = new long[3];
        loop.post(() -> {
            long now = loop.now();
            for (int i = 0; i < 3; i++) {
                int n = i;
                long deadline = now + TimeUnit.MILLISECONDS.toNanos(30 - 10L * i);
                loop.schedule(new Timed() {
                    @Override
                    protected void fire(long nowNanos) {
                        assertThat(loop.inLoop()).isTrue();
                        lateness[n] = nowNanos - deadline;
                        fired.add("t" + n);
                        done.countDown();
                    }
                }, deadline);
            }
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).containsExactly("t2", "t1", "t0");
        for (long l : lateness) {
            assertThat(l).as("a timer never fires before its deadline").isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aThrowingHandlerIsCountedAndTheLoopCarriesOn() throws InterruptedException {
        CountDownLatch after = new CountDownLatch(1);
        loop.post(() -> {
            throw new IllegalStateException("boom");
        });
        loop.postPacket(after::countDown);
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (loop.failures() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(loop.failures()).isEqualTo(1);
    }

    @Test
    void postedWorkFromManyThreadsAllRunsOnTheLoopThread() throws InterruptedException {
        int threads = 4;
        int perThread = 1000;
        CountDownLatch all = new CountDownLatch(threads * perThread);
        int[] counter = new int[1];
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    loop.post(() -> {
                        counter[0]++; // unsynchronised on purpose: only the loop thread touches it
                        all.countDown();
                    });
                }
            }).start();
        }
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch read = new CountDownLatch(1);
        int[] seen = new int[1];
        loop.post(() -> {
            seen[0] = counter[0];
            read.countDown();
        });
        assertThat(read.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen[0]).isEqualTo(threads * perThread);
    }

    @Test
    void aCommandAfterALongCommandInTheSameTurnSeesAFreshClock() throws InterruptedException {
        long[] firstEnded = new long[1];
        long[] secondNow = new long[1];
        CountDownLatch done = new CountDownLatch(1);
        loop.post(() -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // a slow command, like a start-up with hundreds of instances
            }
            firstEnded[0] = System.nanoTime();
            loop.post(() -> { // drained in the same turn
                secondNow[0] = loop.now();
                done.countDown();
            });
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(secondNow[0]).as("the clock the second command sees").isGreaterThanOrEqualTo(firstEnded[0]);
    }
}
