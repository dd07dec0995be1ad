package org.jkeepalived.daemon.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jkeepalived.daemon.os.LogCapture;
import org.jkeepalived.daemon.os.TestLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** track_file: strtol parsing, weight and FAULT rules, init_file, and prompt reaction to real file changes. */
class FileTrackerTest {
    @TempDir
    Path dir;

    private final List<Long> changes = new ArrayList<>();

    private FileTracker tracker(String content) throws IOException {
        Path file = dir.resolve("state");
        if (content != null) {
            Files.writeString(file, content);
        }
        return new FileTracker("tf", file, t -> changes.add(t.value()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "42|42", "'  -7\n'|-7", "+5|5", "0x1f|31", "010|8", "12abc|12", "abc|0", "''|0", "0x|0", "-0|0", "09|0",
    })
    void parsesLikeStrtolBaseZero(String text, long expected) {
        assertThat(FileTracker.parseLikeStrtol(text)).isEqualTo(BigInteger.valueOf(expected));
    }

    @Test
    void aMissingFileReadsZero() throws IOException {
        assertThat(tracker(null).value()).isZero();
    }

    @Test
    void weightZeroFaultsOnNonZeroAndReversedOnZero() throws IOException {
        FileTracker zero = tracker("0\n");
        assertThat(zero.faults(0, false)).isFalse();
        assertThat(zero.faults(0, true)).isTrue();
        FileTracker three = tracker("3\n");
        assertThat(three.faults(0, false)).isTrue();
        assertThat(three.faults(0, true)).isFalse();
        assertThat(three.contribution(0, false)).isZero();
    }

    @Test
    void weightedValueIsMultipliedClampedAndMinus254IsFault() throws IOException {
        FileTracker file = tracker("5\n");
        assertThat(file.contribution(3, false)).isEqualTo(15);
        assertThat(file.contribution(3, true)).isEqualTo(-15);
        assertThat(file.faults(3, false)).isFalse();

        FileTracker big = tracker("100\n");
        assertThat(big.contribution(10, false)).isEqualTo(253);
        assertThat(big.faults(10, false)).isFalse();
        assertThat(big.faults(-10, false)).isTrue();
        assertThat(big.contribution(-10, false)).isZero();
    }

    @Test
    void anOutOfRangeNumberIsIgnoredWithKeepalivedsLine() throws IOException {
        FileTracker file = tracker("7\n");
        try (LogCapture log = new LogCapture(FileTracker.class)) {
            Files.writeString(file.file(), "99999999999\n");
            file.reread();
            assertThat(file.value()).isEqualTo(7);
            assertThat(log.lines()).containsExactly("Invalid number 99999999999 read from " + file.file() + " - ignoring");
        }
        assertThat(changes).isEmpty();
    }

    @Test
    void initFileCreatesButDoesNotOverwriteUnlessAsked() throws IOException {
        Path file = dir.resolve("init");
        FileTracker.initialise("tf", file, 5, false, false);
        assertThat(Files.readString(file)).isEqualTo("5\n");
        FileTracker.initialise("tf", file, 9, false, false);
        assertThat(Files.readString(file)).isEqualTo("5\n");
        FileTracker.initialise("tf", file, 9, true, true);
        assertThat(Files.readString(file)).as("never overwritten on reload").isEqualTo("5\n");
        FileTracker.initialise("tf", file, 9, true, false);
        assertThat(Files.readString(file)).isEqualTo("9\n");
    }

    @Test
    void reactsToWritesRenamesAndDeletionThroughTheWatcher() throws IOException {
        TestLoop loop = new TestLoop();
        FileTracker file = tracker("0\n");
        try (FileWatcher watcher = new FileWatcher(loop)) {
            watcher.watch(file);

            Files.writeString(file.file(), "4\n");
            loop.runUntil(() -> file.value() == 4, Duration.ofSeconds(3));

            Path tmp = dir.resolve("state.tmp");
            Files.writeString(tmp, "-2\n");
            Files.move(tmp, file.file(), StandardCopyOption.ATOMIC_MOVE);
            loop.runUntil(() -> file.value() == -2, Duration.ofSeconds(3));

            Files.delete(file.file());
            loop.runUntil(() -> file.value() == 0, Duration.ofSeconds(3));
        }
        assertThat(changes).containsExactly(4L, -2L, 0L);
    }
}
