package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * RFC 3768 / RFC 5798 timer formulas as keepalived 2.2.7 applies them (keepalived-runtime.md §4),
 * in nanoseconds, for judging captured timelines; and the repository's example configurations.
 */
public final class Vrrp {
    private Vrrp() {
    }

    /** VRRPv2 Skew_Time: (256 − priority) / 256 seconds, whatever the advert interval. */
    public static long skewV2Nanos(int priority) {
        return (256L - priority) * 1_000_000_000L / 256;
    }

    /** VRRPv2 Master_Down_Interval: 3 × advert interval + Skew_Time. */
    public static long masterDownV2Nanos(int priority, int advertSeconds) {
        return 3L * advertSeconds * 1_000_000_000L + skewV2Nanos(priority);
    }

    /** VRRPv3 Skew_Time: (256 − priority) × Master_Adver_Interval / 256, the interval in centiseconds. */
    public static long skewV3Nanos(int priority, int advertCentis) {
        return (256L - priority) * advertCentis * 10_000_000L / 256;
    }

    /** VRRPv3 Master_Down_Interval: 3 × Master_Adver_Interval + Skew_Time. */
    public static long masterDownV3Nanos(int priority, int advertCentis) {
        return 3L * advertCentis * 10_000_000L + skewV3Nanos(priority, advertCentis);
    }

    /** The text of {@code examples/RELATIVE} in the repository this test runs from. */
    public static String example(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("examples").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readString(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("examples/" + relative + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Milliseconds with three decimals, for failure messages about timelines. */
    public static String millis(long nanos) {
        return String.format("%.3f ms", nanos / 1e6);
    }
}
