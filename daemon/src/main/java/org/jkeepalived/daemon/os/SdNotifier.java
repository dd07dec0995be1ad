package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's {@code sd_notify} protocol: one datagram per message to the unix socket named by
 * {@code NOTIFY_SOCKET} (a path, or an abstract name starting with '@'). When the variable is
 * unset every method is a no-op, so the daemon calls these unconditionally.
 *
 * <p>Watchdog: with {@code WATCHDOG_USEC} set (and {@code WATCHDOG_PID}, if set, naming this
 * process) the loop pings every half period: it asks {@link #nextWatchdogNanos(long)} for the
 * deadline and calls {@link #onWatchdogTimer(long)} when it passes. Time is the loop's monotonic
 * {@code nowNanos}; nothing here reads a clock except {@link #reloading(long)}'s caller-provided
 * value.
 *
 * <p>Not thread-safe: call from the event-loop thread. A failed send is logged once per message
 * kind at warn level and otherwise ignored (systemd may have gone away; the daemon carries on).
 */
public final class SdNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SdNotifier.class);

    private final byte[] address;
    private final long watchdogPeriodNanos;
    private int fd = -1;
    private long nextWatchdogNanos = Long.MIN_VALUE;

    /** From the process environment. */
    public static SdNotifier fromEnvironment() {
        return fromEnvironment(System.getenv(), LibC.get().getpid());
    }

    /** From {@code env} for a process whose pid is {@code ownPid}; tests pass their own map. */
    public static SdNotifier fromEnvironment(Map<String, String> env, int ownPid) {
        String socket = env.get("NOTIFY_SOCKET");
        byte[] address = null;
        if (socket != null && !socket.isEmpty()) {
            try {
                address = UnixDatagram.address(socket);
            } catch (IOException e) {
                LOG.warn("NOTIFY_SOCKET ignored: {}", e.getMessage());
            }
        }
        return new SdNotifier(address, watchdogPeriod(env, ownPid));
    }

    private SdNotifier(byte[] address, long watchdogPeriodNanos) {
        this.address = address;
        this.watchdogPeriodNanos = address == null ? 0 : watchdogPeriodNanos;
    }

    /** Whether NOTIFY_SOCKET was set and valid. */
    public boolean enabled() {
        return address != null;
    }

    /** The ping period (half of WATCHDOG_USEC) in nanoseconds, or 0 when the watchdog is off. */
    public long watchdogPeriodNanos() {
        return watchdogPeriodNanos;
    }

    /** {@code READY=1} with a STATUS line. */
    public void ready(String status) {
        send("READY=1\nSTATUS=" + status);
    }

    /** {@code RELOADING=1} with {@code MONOTONIC_USEC} = CLOCK_MONOTONIC now in µs (systemd's Type=notify-reload). */
    public void reloading(long monotonicNanos) {
        send("RELOADING=1\nMONOTONIC_USEC=" + TimeUnit.NANOSECONDS.toMicros(monotonicNanos));
    }

    /** {@code STOPPING=1}. */
    public void stopping() {
        send("STOPPING=1");
    }

    /** {@code STATUS=...}; newlines in {@code status} are replaced by blanks. */
    public void status(String status) {
        send("STATUS=" + status.replace('\n', ' '));
    }

    /**
     * When the next {@code WATCHDOG=1} is due, or {@link Long#MAX_VALUE} with no watchdog. The
     * first call schedules the first ping at once.
     */
    public long nextWatchdogNanos(long nowNanos) {
        if (watchdogPeriodNanos == 0) {
            return Long.MAX_VALUE;
        }
        if (nextWatchdogNanos == Long.MIN_VALUE) {
            nextWatchdogNanos = nowNanos;
        }
        return nextWatchdogNanos;
    }

    /** Sends {@code WATCHDOG=1} if due and schedules the next one half a period later. */
    public void onWatchdogTimer(long nowNanos) {
        if (watchdogPeriodNanos == 0 || nowNanos - nextWatchdogNanos(nowNanos) < 0) {
            return;
        }
        send("WATCHDOG=1");
        nextWatchdogNanos = nowNanos + watchdogPeriodNanos;
    }

    /** Sends one raw message (newline-separated assignments). Returns whether it was sent. */
    public boolean send(String message) {
        if (address == null) {
            return false;
        }
        LibC libc = LibC.get();
        try {
            if (fd < 0) {
                fd = UnixDatagram.open();
            }
        } catch (IOException e) {
            LOG.warn("sd_notify: {}", e.getMessage());
            return false;
        }
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 3; attempt++) {
            long sent = libc.sendto(fd, data, data.length, LibC.MSG_NOSIGNAL, address, address.length);
            if (sent == data.length) {
                return true;
            }
            int errno = LibC.errno();
            if (sent < 0 && errno == LibC.EINTR) {
                continue;
            }
            LOG.warn("sd_notify: {}", LibC.describe("sendto NOTIFY_SOCKET", errno));
            return false;
        }
        return false;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            LibC.get().close(fd);
            fd = -1;
        }
    }

    private static long watchdogPeriod(Map<String, String> env, int ownPid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null) {
            return 0;
        }
        String pid = env.get("WATCHDOG_PID");
        try {
            if (pid != null && Integer.parseInt(pid.strip()) != ownPid) {
                return 0;
            }
            long micros = Long.parseLong(usec.strip());
            return micros <= 0 ? 0 : TimeUnit.MICROSECONDS.toNanos(micros) / 2;
        } catch (NumberFormatException e) {
            LOG.warn("WATCHDOG_USEC/WATCHDOG_PID not numeric - watchdog disabled");
            return 0;
        }
    }
}
