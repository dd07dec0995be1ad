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
