package org.jkeepalived.daemon.track;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jkeepalived.daemon.os.EventPoster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts matching processes for every {@link ProcessTracker} by scanning {@code /proc} on a
 * daemon thread every {@code scanIntervalNanos} and posting the counts to the event loop.
 *
 * <p>Why polling and not keepalived's netlink proc connector: the connector needs
 * CAP_NET_ADMIN in the initial network namespace (it does not work inside the network namespaces
 * the daemon and its tests run in), can lose events under load (ENOBUFS, then a full rescan
 * anyway), and would need a second native socket binding. A scan of {@code /proc} reads one small
 * file per process (comm, or cmdline only when a tracker matches command lines); with the default
 * 250 ms period a tracker reacts within that period plus its fork/terminate delay.
 *
 * <p>{@link #scanOnce()} runs synchronously at start-up (on the loop thread) for the initial state;
 * the trackers list is fixed before {@link #start()}.
 */
public final class ProcessScanner implements AutoCloseable {
    /** Default scan period. */
    public static final long DEFAULT_SCAN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final Logger LOG = LoggerFactory.getLogger(ProcessScanner.class);
    private static final int MAX_CMDLINE_BYTES = 4096;

    private final Path proc;
    private final EventPoster poster;
    private final long scanIntervalNanos;
    private final List<ProcessTracker> trackers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;

    public ProcessScanner(EventPoster poster, long scanIntervalNanos) {
        this(Path.of("/proc"), poster, scanIntervalNanos);
    }

    ProcessScanner(Path proc, EventPoster poster, long scanIntervalNanos) {
        this.proc = proc;
        this.poster = poster;
        this.scanIntervalNanos = scanIntervalNanos;
    }

    /** Adds a tracker (before {@link #start()}). */
    public void add(ProcessTracker tracker) {
        trackers.add(tracker);
    }

    /** One scan: the number of matching processes per tracker, in {@link #add} order. */
    public int[] scanOnce() {
        int[] counts = new int[trackers.size()];
        boolean needComm = trackers.stream().anyMatch(t -> !t.matcher().usesCommandLine());
        boolean needCmdline = trackers.stream().anyMatch(t -> t.matcher().usesCommandLine());
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, ProcessScanner::isPidDirectory)) {
            for (Path pid : pids) {
                String comm = needComm ? readComm(pid) : null;
                byte[] cmdline = needCmdline ? readCmdline(pid) : null;
                for (int i = 0; i < counts.length; i++) {
                    ProcessMatcher matcher = trackers.get(i).matcher();
                    boolean usable = matcher.usesCommandLine() ? cmdline != null : comm != null;
                    if (usable && matcher.matches(comm, cmdline)) {
                        counts[i]++;
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot scan {}: {}", proc, e.getMessage());
        }
        return counts;
    }

    /** Initialises every tracker from one synchronous scan. Call on the loop thread. */
    public void initialiseTrackers() {
        if (trackers.isEmpty()) {
            return; // nothing to count: no walk through /proc
        }
        int[] counts = scanOnce();
        for (int i = 0; i < counts.length; i++) {
            trackers.get(i).initialise(counts[i]);
        }
    }

    /** Starts the scanning thread (nothing happens without trackers). */
    public void start() {
        if (trackers.isEmpty() || running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "track-process-scanner");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(scanIntervalNanos);
            if (!running) {
                return;
            }
            int[] counts = scanOnce();
            List<ProcessTracker> snapshot = new ArrayList<>(trackers);
            poster.post(() -> {
                for (int i = 0; i < counts.length; i++) {
                    snapshot.get(i).offerCount(counts[i]);
                }
            });
        }
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static String readComm(Path pid) {
        try {
            String comm = new String(Files.readAllBytes(pid.resolve("comm")), StandardCharsets.UTF_8);
            return comm.endsWith("\n") ? comm.substring(0, comm.length() - 1) : comm;
        } catch (IOException e) {
            return null; // the process ended during the scan
        }
    }

    private static byte[] readCmdline(Path pid) {
        try (InputStream in = Files.newInputStream(pid.resolve("cmdline"))) {
            return in.readNBytes(MAX_CMDLINE_BYTES);
        } catch (IOException e) {
            return null;
        }
    }
}
