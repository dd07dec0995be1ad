package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A bound unix datagram socket for tests, standing in for systemd's notify socket. */
final class UnixDatagramReceiver implements AutoCloseable {
    private final int fd;

    UnixDatagramReceiver(String path) throws IOException {
        fd = UnixDatagram.open();
        byte[] addr = UnixDatagram.address(path);
        if (LibC.get().bind(fd, addr, addr.length) != 0) {
            int errno = LibC.errno();
            LibC.get().close(fd);
            throw new IOException(LibC.describe("bind " + path, errno));
        }
    }

    /** The next datagram, polling without blocking until {@code timeout}; null if none came. */
    String receive(Duration timeout) throws InterruptedException {
        byte[] buf = new byte[4096];
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            long n = LibC.get().recv(fd, buf, buf.length, LibC.MSG_DONTWAIT);
            if (n >= 0) {
                return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
            }
            Thread.sleep(5);
        }
        return null;
    }

    @Override
    public void close() {
        LibC.get().close(fd);
    }
}
