package org.jkeepalived.vrrp.state;

/**
 * When gratuitous ARPs / unsolicited NAs are sent (keepalived-runtime.md §4). All durations in
 * nanoseconds; 0 disables the delayed burst or refresh.
 *
 * @param masterDelayNanos        {@code garp_master_delay}: second burst after becoming MASTER (5 s)
 * @param masterRepeat            {@code garp_master_repeat}: frames per VIP per burst (5)
 * @param masterRefreshNanos      {@code garp_master_refresh}: periodic refresh while MASTER (0 = off)
 * @param masterRefreshRepeat     {@code garp_master_refresh_repeat}: frames per VIP per refresh (1)
 * @param lowerPrioDelayNanos     {@code garp_lower_prio_delay}: second burst after a lower-priority advert
 * @param lowerPrioRepeat         {@code garp_lower_prio_repeat}: frames per VIP on a lower-priority advert
 * @param intervalNanos           {@code vrrp_garp_interval} (IPv4) / {@code vrrp_gna_interval} (IPv6):
 *                                spacing between consecutive frames (0 = all at once)
 */
public record GarpSettings(long masterDelayNanos, int masterRepeat, long masterRefreshNanos,
                           int masterRefreshRepeat, long lowerPrioDelayNanos, int lowerPrioRepeat,
                           long intervalNanos) {

    /** keepalived's defaults: delay 5 s, repeat 5, no refresh (repeat 1), lower-prio = master values. */
    public static final GarpSettings DEFAULTS =
            new GarpSettings(5_000_000_000L, 5, 0, 1, 5_000_000_000L, 5, 0);

    public GarpSettings {
        if (masterDelayNanos < 0 || masterRefreshNanos < 0 || lowerPrioDelayNanos < 0 || intervalNanos < 0
                || masterRepeat < 0 || masterRefreshRepeat < 0 || lowerPrioRepeat < 0) {
            throw new IllegalArgumentException("GARP durations and repeats must not be negative");
        }
    }
}
