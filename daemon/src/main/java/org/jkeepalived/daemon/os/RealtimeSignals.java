package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's real-time signals (SIGRTMIN+2 for the JSON dump, SIGRTMAX-1 for stats-and-clear),
 * which {@code sun.misc.Signal} cannot catch. They are received through a {@code signalfd} read by
 * one small daemon thread, which hands each signal number to a callback (that only posts into the
 * event loop). A signalfd only sees signals that every thread blocks, and a JVM's threads cannot be
 * changed after they start: the launcher {@code bin/jkeepalived} blocks them before it execs java,
 * so every JVM thread inherits the mask. Without the launcher they are not blocked; then nothing
 * is opened and the caller logs that these dumps need the launcher (such a signal would end the
 * process, as it would end any program that does not handle it). Thread-safe.
 */
public final class RealtimeSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");
    /** glibc's {@code sigset_t} size in bytes. */
    private static final int SIGSET_BYTES = 128;
    /** {@code struct signalfd_siginfo} size; {@code ssi_signo} is its first 32-bit field. */
    private static final int SIGINFO_BYTES = 128;

    private final int fd;
    private final Thread reader;
    private volatile boolean closed;

    private RealtimeSignals(int fd, IntConsumer onSignal) {
        this.fd = fd;
        this.reader = new Thread(() -> readLoop(onSignal), "rt-signals");
        this.reader.setDaemon(true);
    }

    /** glibc's SIGRTMIN of this process (34 on Linux with NPTL), or 34 when libc cannot be asked. */
    public static int rtmin() {
        try {
            return LibC.get().__libc_current_sigrtmin();
        } catch (RuntimeException | LinkageError e) {
            return 34;
        }
    }

    /** glibc's SIGRTMAX (64 on Linux), or 64 when libc cannot be asked. */
    public static int rtmax() {
        try {
            return LibC.get().__libc_current_sigrtmax();
        } catch (RuntimeException | LinkageError e) {
            return 64;
        }
    }

    /**
     * Whether {@code signo} is blocked in the calling thread ({@code SigBlk} of
     * {@code /proc/thread-self/status}); the main thread's mask is the one the launcher set.
     */
    public static boolean blockedInThisThread(int signo) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("SigBlk:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigBlk:".length()).trim(), 16);
                    return (mask & (1L << (signo - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Cannot read the signal mask: {}", e.toString());
        }
        return false;
    }

    /**
     * Opens a signalfd for {@code signals} (all blocked, see {@link #blockedInThisThread}) and
     * starts the reader thread, which calls {@code onSignal} with each signal number received.
     *
     * @throws IOException when signalfd fails (errno named)
     */
    public static RealtimeSignals open(IntConsumer onSignal, int... signals) throws IOException {
        byte[] mask = new byte[SIGSET_BYTES];
        for (int signo : signals) {
            mask[(signo - 1) / 8] |= (byte) (1 << ((signo - 1) % 8));
        }
        int fd = LibC.get().signalfd(-1, mask, LibC.SFD_CLOEXEC);
        if (fd < 0) {
            throw new IOException(LibC.describe("signalfd", LibC.errno()));
        }
        RealtimeSignals opened = new RealtimeSignals(fd, onSignal);
        opened.reader.start();
        return opened;
    }

    private void readLoop(IntConsumer onSignal) {
        byte[] info = new byte[SIGINFO_BYTES];
        while (!closed) {
            long n = LibC.get().read(fd, info, SIGINFO_BYTES);
            if (n == SIGINFO_BYTES) {
                int signo = (info[0] & 0xff) | (info[1] & 0xff) << 8 | (info[2] & 0xff) << 16 | (info[3] & 0xff) << 24;
                onSignal.accept(signo);
            } else if (n < 0 && LibC.errno() != LibC.EINTR) {
                if (!closed) {
                    LOG.warn("Real-time signals are no longer read: {}", LibC.describe("read(signalfd)", LibC.errno()));
                }
                return;
            }
        }
    }

    /** Stops reading: the descriptor is closed (the reader thread is a daemon thread). */
    @Override
    public void close() {
        closed = true;
        LibC.get().close(fd);
    }
}
