package org.jkeepalived.daemon.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ThreadSchedulingTest {

    /** Field 19 of /proc/thread-self/stat (after the parenthesised command name) is the nice value. */
    private static int niceOfThisThread() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    @Test
    void niceChangesTheCallingThreadOnly() throws Exception {
        int before = niceOfThisThread();
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                boolean set = ThreadScheduling.nice(7); // lowering a priority needs no privilege
                seen.set(set ? niceOfThisThread() : "refused");
            } catch (IOException e) {
                seen.set(e);
            }
        });
        other.start();
        other.join(10_000);
        assertThat(seen.get()).isEqualTo(7);
        assertThat(niceOfThisThread()).isEqualTo(before);
    }

    /** Fields 40 and 41 of a /proc stat line: real-time priority and scheduling policy (0 other, 2 RR). */
    private static int[] priorityAndPolicy(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new int[] {Integer.parseInt(fields[37]), Integer.parseInt(fields[38])};
    }

    /**
     * The loop thread's real-time class (the default, and vrrp_rt_priority) stays with that thread:
     * a thread it starts and a process it spawns (a notify script) run in SCHED_OTHER. Needs root
     * (CAP_SYS_NICE), as the daemon and CI have.
     */
    @Test
    void roundRobinStaysWithTheCallingThread() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread loop = new Thread(() -> {
            try {
                if (!ThreadScheduling.roundRobin(3)) {
                    seen.set("refused");
                    return;
                }
                int[] self = priorityAndPolicy(Files.readString(Path.of("/proc/thread-self/stat")));
                AtomicReference<int[]> child = new AtomicReference<>();
                Thread helper = new Thread(() -> {
                    try {
                        child.set(priorityAndPolicy(Files.readString(Path.of("/proc/thread-self/stat"))));
                    } catch (IOException e) {
                        child.set(new int[] {-1, -1});
                    }
                });
                helper.start();
                helper.join(10_000);
                Process script = new ProcessBuilder("cat", "/proc/self/stat").start();
                String scriptStat = new String(script.getInputStream().readAllBytes());
                script.waitFor();
                seen.set(new int[][] {self, child.get(), priorityAndPolicy(scriptStat)});
            } catch (IOException | InterruptedException e) {
                seen.set(e);
            }
        });
        loop.start();
        loop.join(10_000);
        assertThat(seen.get()).isInstanceOf(int[][].class);
        int[][] result = (int[][]) seen.get();
        assertThat(result[0]).containsExactly(3, 2);
        assertThat(result[1]).containsExactly(0, 0);
        assertThat(result[2]).containsExactly(0, 0);
    }

    @Test
    void outOfRangeNiceIsClamped() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                seen.set(ThreadScheduling.nice(40) ? niceOfThisThread() : "refused");
            } catch (IOException e) {
                seen.set(e);
            }
        });
        other.start();
        other.join(10_000);
        assertThat(seen.get()).isEqualTo(19);
    }
}
