package org.jkeepalived.daemon;

import java.util.Locale;
import java.util.Optional;

import org.jkeepalived.daemon.os.RealtimeSignals;

/**
 * The signal functions of {@code --signum=SIGFUNC}, with the numbers keepalived uses on Linux
 * (glibc: SIGRTMIN 34, SIGRTMAX 64, asked from libc at run time), so scripts written for keepalived
 * can signal jkeepalived.
 */
public enum SignalFunction {
    STOP(15),
    RELOAD(1),
    DATA(10),
    STATS(12),
    /** SIGRTMAX-1: write the stats, then zero the counters (63 with glibc). */
    STATS_CLEAR(-1),
    /** SIGRTMIN+2: write the JSON dump (36 with glibc). */
    JSON(2);

    /** The signal number, or for the real-time ones the offset from SIGRTMAX / SIGRTMIN. */
    private final int number;

    SignalFunction(int number) {
        this.number = number;
    }

    /** The signal number on this system; the real-time ones are computed from libc's SIGRTMIN/SIGRTMAX. */
    public int signalNumber() {
        return switch (this) {
            case STATS_CLEAR -> RealtimeSignals.rtmax() + number;
            case JSON -> RealtimeSignals.rtmin() + number;
            default -> number;
        };
    }

    /** Looks a function up by keepalived's name (case-insensitive, as keepalived compares). */
    public static Optional<SignalFunction> byName(String name) {
        for (SignalFunction f : values()) {
            if (f.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
