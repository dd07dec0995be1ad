package org.jkeepalived.daemon;

import java.util.Locale;
import java.util.Optional;

/**
 * The signal functions of {@code --signum=SIGFUNC}, with the numbers keepalived uses on Linux
 * (glibc: SIGRTMIN 34, SIGRTMAX 64), so scripts written for keepalived can signal jkeepalived.
 */
public enum SignalFunction {
    STOP(15),
    RELOAD(1),
    DATA(10),
    STATS(12),
    /** SIGRTMAX-1: write the stats, then zero the counters. */
    STATS_CLEAR(63),
    /** SIGRTMIN+2: write the JSON dump. */
    JSON(36);

    private final int signalNumber;

    SignalFunction(int signalNumber) {
        this.signalNumber = signalNumber;
    }

    public int signalNumber() {
        return signalNumber;
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
