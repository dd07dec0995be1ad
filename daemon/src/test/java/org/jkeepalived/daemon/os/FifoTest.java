package org.jkeepalived.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-blocking FIFOs: creation mode, writes without a reader, full pipes, and unlink-if-created. */
class FifoTest {
    @TempDir
    Path dir;

    @Test
    void createsTheFifoRunsTheHookBeforeOpeningAndUnlinksItAtClose() throws IOException {
        Path path = dir.resolve("notify.fifo");
        AtomicBoolean hookSawFifo = new AtomicBoolean();
        int oldMask = ProcessUmask.set(ProcessUmask.KEEPALIVED_DEFAULT);
        Fifo fifo;
        try {
            fifo = Fifo.open(path, "", null, null, () -> hookSawFifo.set(Files.exists(path)));
        } finally {
            ProcessUmask.set(oldMask);
        }

        assertThat(hookSawFifo).isTrue();
        assertThat(fifo.created()).isTrue();
        assertThat(Files.readAttributes(path, "unix:mode").get("mode")).as("prw------- as keepalived's").isEqualTo(0010600);
        fifo.close();
        assertThat(path).doesNotExist();
    }

    @Test
    void writesWithoutAReaderAndTheLinesWaitInThePipe() throws IOException {
        Path path = dir.resolve("f");
        try (Fifo fifo = Fifo.open(path, "", null, null, () -> { })) {
            assertThat(fifo.write("INSTANCE \"VI_1\" BACKUP 100\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
            try (var in = new java.io.FileInputStream(path.toFile())) {
                byte[] buf = new byte[64];
                int n = in.read(buf);
                assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo("INSTANCE \"VI_1\" BACKUP 100\n");
            }
        }
    }

    @Test
    void aFullPipeDropsTheLineInsteadOfBlocking() throws IOException {
        try (Fifo fifo = Fifo.open(dir.resolve("full"), "", null, null, () -> { })) {
            byte[] chunk = new byte[4096];
            int written = 0;
            while (fifo.write(chunk) && written < 10_000) {
                written++;
            }
            assertThat(written).as("the pipe filled up").isLessThan(10_000);
            assertThat(fifo.write("x\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        }
    }

    @Test
    void keepsAPreExistingFifoAtClose() throws Exception {
        Path path = dir.resolve("theirs");
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).isZero();

        Fifo fifo = Fifo.open(path, "", null, null, () -> { });
        fifo.close();

        assertThat(fifo.created()).isFalse();
        assertThat(path).exists();
    }

    @Test
    void failsWithKeepalivedsWordsWhenTheDirectoryIsMissing() {
        Path path = dir.resolve("no/such/dir/fifo");
        try (LogCapture log = new LogCapture(Fifo.class)) {
            assertThatIOException().isThrownBy(() -> Fifo.open(path, "vrrp ", null, null, () -> { }));
            assertThat(log.lines()).contains("Unable to create vrrp notify fifo " + path);
        }
    }

    @Test
    void chownsANewFifoToTheConfiguredUser() throws IOException {
        Path path = dir.resolve("owned");
        try (Fifo fifo = Fifo.open(path, "", "nobody", "nogroup", () -> { })) {
            assertThat(Files.getOwner(path).getName()).isEqualTo("nobody");
            assertThat(Files.readAttributes(path, "unix:gid").get("gid"))
                    .isEqualTo(UserDb.group("nogroup").orElseThrow());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isNotEmpty();
    }

    @Test
    void refusesARegularFileOrAFifoOwnedBySomeoneElse() throws Exception {
        Path planted = dir.resolve("planted");
        Files.writeString(planted, "");
        Path foreign = dir.resolve("foreign");
        assertThat(new ProcessBuilder("mkfifo", foreign.toString()).start().waitFor()).isZero();
        Files.setOwner(foreign, foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        try (LogCapture log = new LogCapture(Fifo.class)) {
            assertThatIOException().isThrownBy(() -> Fifo.open(planted, "", null, null, () -> { }));
            assertThatIOException().isThrownBy(() -> Fifo.open(foreign, "vrrp ", null, null, () -> { }));
            assertThat(log.lines()).containsExactly("notify fifo " + planted + " is not a fifo we own - not using",
                    "vrrp notify fifo " + foreign + " is not a fifo we own - not using");
        }
        assertThat(Files.readString(planted)).isEmpty();
        try (Fifo allowed = Fifo.open(foreign, "", "nobody", null, () -> { })) {
            assertThat(allowed.created()).as("owned by the configured FIFO user: accepted").isFalse();
        }
    }
}
