package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named pipe written without ever blocking: created with {@code mkfifo(0644)} (the process
 * umask applies, as for keepalived) when absent, then opened {@code O_RDWR|O_NONBLOCK} by the
 * daemon itself so a write succeeds with no reader (the kernel buffers up to the pipe size) and a
 * full pipe drops the line instead of stalling the event loop. Unlinked on {@link #close()} only
 * if this object created it. An existing path that is not a FIFO owned by the daemon (or the
 * configured FIFO user) is refused, as keepalived 2.3 does, so a planted file is never written.
 * Not thread-safe: used from the event loop.
 */
public final class Fifo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Fifo.class);

    private final Path path;
    private final boolean created;
    private int fd;

    private Fifo(Path path, boolean created, int fd) {
        this.path = path;
        this.created = created;
        this.fd = fd;
    }

    /**
     * Creates the FIFO if absent (then chowns it to {@code owner} when given), runs
     * {@code beforeOpen} (keepalived starts the FIFO's reader script between creating and opening),
     * and opens it.
     *
     * @param typePrefix "" for notify_fifo, "vrrp " for vrrp_notify_fifo: keepalived's log wording
     * @param owner      user name to own a newly created FIFO, or null
     * @param group      group name for a newly created FIFO, or null
     * @throws IOException with keepalived's log line already written
     */
    public static Fifo open(Path path, String typePrefix, String owner, String group, Runnable beforeOpen)
            throws IOException {
        LibC libc = LibC.get();
        boolean created = libc.mkfifo(path.toString(), 0644) == 0;
        if (!created) {
            int errno = LibC.errno();
            if (errno != LibC.EEXIST) {
                LOG.info("Unable to create {}notify fifo {}", typePrefix, path);
                throw new IOException(LibC.describe("mkfifo " + path, errno));
            }
        } else {
            chown(path, owner, group);
        }
        beforeOpen.run();
        int fd = libc.open(path.toString(), LibC.O_RDWR | LibC.O_CLOEXEC | LibC.O_NONBLOCK | LibC.O_NOFOLLOW, 0);
        if (fd < 0) {
            int errno = LibC.errno();
            LOG.info("Unable to open {}notify fifo {} - errno {}", typePrefix, path, errno);
            if (created) {
                Files.deleteIfExists(path);
            }
            throw new IOException(LibC.describe("open " + path, errno));
        }
        if (!isFifoWeOwn(fd, owner)) {
            // An existing path may have been planted: refuse anything but a FIFO we own (keepalived 2.3+).
            LOG.info("{}notify fifo {} is not a fifo we own - not using", typePrefix, path);
            libc.close(fd);
            throw new IOException(path + " is not a fifo owned by us");
        }
        return new Fifo(path, created, fd);
    }

    /** fstat through /proc/self/fd: a FIFO owned by us or by the configured user. */
    private static boolean isFifoWeOwn(int fd, String owner) {
        try {
            Map<String, Object> attrs = Files.readAttributes(Path.of("/proc/self/fd/" + fd), "unix:mode,uid");
            boolean fifo = ((Integer) attrs.get("mode") & 0170000) == 0010000;
            int uid = (Integer) attrs.get("uid");
            boolean ours = uid == UserDb.effectiveUid()
                    || (owner != null && UserDb.user(owner).map(a -> a.uid() == uid).orElse(false));
            return fifo && ours;
        } catch (IOException e) {
            return false;
        }
    }

    public Path path() {
        return path;
    }

    /** Whether this process created the FIFO (and so removes it on close). */
    public boolean created() {
        return created;
    }

    /**
     * Writes {@code bytes} in one {@code write(2)} (atomic for lines up to PIPE_BUF). Returns false
     * if the pipe is full or closed; the line is then lost, as with keepalived.
     */
    public boolean write(byte[] bytes) {
        if (fd < 0) {
            return false;
        }
        LibC libc = LibC.get();
        for (int attempt = 0; attempt < 3; attempt++) {
            long n = libc.write(fd, bytes, bytes.length);
            if (n == bytes.length) {
                return true;
            }
            if (n < 0 && LibC.errno() == LibC.EINTR) {
                continue;
            }
            return false;
        }
        return false;
    }

    /** Unlinks first (so a reader loop cannot reopen it), then closes. Idempotent. */
    @Override
    public void close() {
        if (created) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("Cannot remove fifo {}: {}", path, e.getMessage());
            }
        }
        if (fd >= 0) {
            LibC.get().close(fd);
            fd = -1;
        }
    }

    private static void chown(Path path, String owner, String group) {
        try {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            if (owner != null) {
                Files.setOwner(path, lookup.lookupPrincipalByName(owner));
            }
            if (group != null) {
                Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                        .setGroup(lookup.lookupPrincipalByGroupName(group));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("Failed to set uid:gid for fifo {}", path);
        }
    }
}
