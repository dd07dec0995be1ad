package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's pid files: {@code /run/keepalived.pid} for the parent and
 * {@code /run/keepalived_vrrp.pid} for the VRRP process, overridable with {@code -p} / {@code -r}.
 * The file holds the decimal pid and a newline, mode 0644, never written through a symlink.
 *
 * <p>Start-up protocol, as keepalived's {@code keepalived_running()}: {@link #heldByLiveProcess()}
 * on each file; a file naming a dead pid is removed ("Remove a zombie pid file …"), an unreadable
 * one is removed and treated as held ("Error reading pid file …"). If any is held the daemon logs
 * {@value #ALREADY_RUNNING} and exits with status 0. Not thread-safe; used once at start and
 * once at exit.
 */
public final class PidFile {
    /** keepalived's default parent pid file. */
    public static final Path DEFAULT_MAIN = Path.of("/run/keepalived.pid");
    /** keepalived's default VRRP child pid file. */
    public static final Path DEFAULT_VRRP = Path.of("/run/keepalived_vrrp.pid");
    /** The line keepalived logs when a pid file names a live process. */
    public static final String ALREADY_RUNNING = "daemon is already running";

    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);

    private final Path path;
    private boolean written;

    public PidFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * Whether the file names a process that still exists. Cleans up a stale or unreadable file as
     * keepalived does; an unreadable file counts as held (keepalived cannot know).
     */
    public boolean heldByLiveProcess() {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Optional<Integer> pid = readPid();
        if (pid.isEmpty()) {
            LOG.info("Error reading pid file {}", path);
            removeQuietly();
            return true;
        }
        if (!processExists(pid.get())) {
            LOG.info("Remove a zombie pid file {}", path);
            removeQuietly();
            return false;
        }
        return true;
    }

    /**
     * Writes {@code pid} followed by a newline, mode 0644 regardless of the umask's read bits.
     *
     * @throws IOException with keepalived's wording when the file cannot be created
     */
    public void write(int pid) throws IOException {
        LibC libc = LibC.get();
        int oldMask = libc.umask(0022);
        int fd;
        try {
            fd = libc.open(path.toString(), LibC.O_NOFOLLOW | LibC.O_CREAT | LibC.O_WRONLY | LibC.O_TRUNC
                    | LibC.O_CLOEXEC, 0644);
        } finally {
            libc.umask(oldMask);
        }
        if (fd < 0) {
            int errno = LibC.errno();
            LOG.info("pidfile_write : Cannot open {} pidfile", path);
            throw new IOException(LibC.describe("open " + path, errno));
        }
        try {
            byte[] line = (pid + "\n").getBytes(StandardCharsets.US_ASCII);
            if (libc.write(fd, line, line.length) != line.length) {
                throw new IOException(LibC.describe("write " + path, LibC.errno()));
            }
        } finally {
            libc.close(fd);
        }
        written = true;
    }

    /** Removes the file if this object wrote it. Idempotent. */
    public void remove() {
        if (written) {
            removeQuietly();
            written = false;
        }
    }

    /** The pid in the file: leading blanks allowed, then decimal digits (as fscanf "%d"). */
    Optional<Integer> readPid() {
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
            int end = 0;
            while (end < text.length() && (Character.isDigit(text.charAt(end)) || (end == 0 && text.charAt(0) == '-'))) {
                end++;
            }
            if (end == 0 || (end == 1 && text.charAt(0) == '-')) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(text.substring(0, end)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** kill(pid, 0): true if it exists, even when we may not signal it (EPERM). pid 0 counts as unknown = live. */
    static boolean processExists(int pid) {
        if (pid == 0) {
            return true;
        }
        if (LibC.get().kill(pid, 0) == 0) {
            return true;
        }
        return LibC.errno() == LibC.EPERM;
    }

    private void removeQuietly() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Cannot remove pid file {}: {}", path, e.getMessage());
        }
    }
}
