package org.jkeepalived.vrrp.state;

/**
 * keepalived's timer formulas, computed in microseconds with integer division exactly as
 * keepalived does (so "Master down timer = 3414062 usecs" for priority 150, v2, 1 s) and returned
 * in nanoseconds. Stateless.
 */
public final class VrrpTimers {

    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final long MICROS_PER_CENTI = 10_000;

    private VrrpTimers() {
    }

    /**
     * Skew_Time: v2 {@code (256 − priority) / 256} seconds whatever the interval; v3
     * {@code (256 − priority) × Master_Adver_Interval / 256}.
     */
    public static long skewNanos(int version, int priority, int masterAdvertIntervalCentis) {
        long micros = version == 2
                ? (256 - priority) * MICROS_PER_SECOND / 256
                : (256 - priority) * (masterAdvertIntervalCentis * MICROS_PER_CENTI) / 256;
        return micros * 1000;
    }

    /** Master_Down_Interval = down_timer_adverts × Master_Adver_Interval + Skew_Time. */
    public static long masterDownNanos(int version, int priority, int masterAdvertIntervalCentis, int downTimerAdverts) {
        long micros = downTimerAdverts * masterAdvertIntervalCentis * MICROS_PER_CENTI;
        return micros * 1000 + skewNanos(version, priority, masterAdvertIntervalCentis);
    }

    /** An interval in centiseconds as nanoseconds. */
    public static long centisToNanos(int centis) {
        return centis * 10_000_000L;
    }
}
