package org.jkeepalived.config.model;

/**
 * Gratuitous ARP / unsolicited NA timing, either the global defaults or one instance's effective
 * values (inherited from the globals unless set on the instance).
 *
 * @param masterDelaySeconds          delay before the second burst after becoming MASTER
 * @param masterRepeat                GARPs per VIP per burst
 * @param masterRefreshSeconds        periodic refresh while MASTER, 0 = off
 * @param masterRefreshRepeat         GARPs per VIP per refresh
 * @param lowerPrioDelaySeconds       delay of the burst after a lower-priority advert
 * @param lowerPrioRepeat             GARPs per burst after a lower-priority advert
 */
public record GarpSettings(int masterDelaySeconds, int masterRepeat, int masterRefreshSeconds,
                           int masterRefreshRepeat, int lowerPrioDelaySeconds, int lowerPrioRepeat) {
    /** keepalived's built-in defaults. */
    public static final GarpSettings DEFAULTS = new GarpSettings(5, 5, 0, 1, 5, 5);
}
