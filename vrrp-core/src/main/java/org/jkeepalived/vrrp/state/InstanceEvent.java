package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import java.util.Objects;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;

/**
 * Something that happens to a {@link VrrpInstance}. The hot-path events are reusable so that the
 * steady state allocates nothing: {@link TimerExpired#INSTANCE}, one {@link AdvertReceived} per
 * receiving {@link AdvertView}, and {@link PacketRejected#of}.
 */
public sealed interface InstanceEvent {

    /**
     * Startup: removes stale VIPs, then INIT → MASTER (owner), BACKUP or FAULT. With
     * {@code startupDelayNanos} ({@code vrrp_startup_delay}) the states are entered at once but
     * the first timer runs that much later, as keepalived 2.2.7 does.
     */
    record Start(boolean interfaceRunning, long startupDelayNanos) implements InstanceEvent {
        public Start {
            if (startupDelayNanos < 0) {
                throw new IllegalArgumentException("startup delay must not be negative");
            }
        }

        public Start(boolean interfaceRunning) {
            this(interfaceRunning, 0);
        }
    }

    /** Orderly shutdown (SIGTERM): a MASTER sends priority 0 and removes its VIPs; notify STOP. */
    record Stop(boolean releaseMaster) implements InstanceEvent {
    }

    /** The deadline returned by the last {@code handle} call has been reached. */
    record TimerExpired() implements InstanceEvent {
        public static final TimerExpired INSTANCE = new TimerExpired();
    }

    /**
     * An advert for this instance's VRID that passed the packet-level checks
     * ({@link AdvertCheck#VALID}). The view is read during {@code handle} only, so one record per
     * view can be reused.
     */
    record AdvertReceived(AdvertView view) implements InstanceEvent {
        public AdvertReceived {
            Objects.requireNonNull(view, "view");
        }
    }

    /** A packet for this instance that the codec rejected: counted under its reason. */
    record PacketRejected(AdvertCheck reason) implements InstanceEvent {
        private static final PacketRejected[] CACHE = new PacketRejected[AdvertCheck.values().length];

        static {
            for (AdvertCheck check : AdvertCheck.values()) {
                CACHE[check.ordinal()] = new PacketRejected(check);
            }
        }

        /** The shared event for {@code reason} (no allocation). */
        public static PacketRejected of(AdvertCheck reason) {
            return CACHE[reason.ordinal()];
        }
    }

    /** The instance interface's operational state changed ({@code IFF_RUNNING}). */
    record LinkChanged(boolean running) implements InstanceEvent {
    }

    /**
     * The daemon's own evaluation of every tracker of the instance (scripts, files, processes,
     * interfaces, with keepalived's weight rules already applied): the weight to add to the base
     * priority and whether a tracker puts the instance in FAULT. Used instead of, or alongside,
     * named {@link TrackerChanged} trackers; send it before {@link Start} to set the initial state.
     *
     * @param weight sum of the tracker weights in force (any sign; the result is clamped 1..254)
     * @param fault  a weight-0 tracker (or a tracker whose weight drove it there) is failing
     */
    record TrackerTotals(int weight, boolean fault) implements InstanceEvent {
    }

    /**
     * SIGHUP: new settings for a running instance that keepalived's reload matched to this one
     * (same VRID and family; the caller matches interface, unicast and VMAC as keepalived does).
     * The instance keeps its state, its counters and its running timers: a MASTER removes the
     * VIPs that are gone, adds the new ones (gratuitous ARPs / NAs for all, as keepalived does)
     * and re-asserts with an advert at once; a BACKUP keeps its down timer, moved only when the
     * priority or the intervals changed it. Priority, preemption, timers and checks follow the new
     * settings from now on.
     *
     * @param settings the new settings
     * @param totals   the daemon's tracker totals under the new configuration, applied in the same
     *                 step (so no intermediate priority is logged), or null to keep the current ones
     */
    record Reconfigure(InstanceSettings settings, TrackerTotals totals) implements InstanceEvent {
        public Reconfigure {
            Objects.requireNonNull(settings, "settings");
        }

        /** New settings, tracker totals unchanged. */
        public Reconfigure(InstanceSettings settings) {
            this(settings, null);
        }
    }

    /**
     * Another process removed one of the instance's virtual addresses from the kernel (the
     * daemon saw {@code RTM_DELADDR} and checked the address is really gone). keepalived 2.2.7
     * (verified): a MASTER holding it enters BACKUP, sends priority 0 (counted), removes its
     * other VIPs and arms its down timer with its own Skew_Time, so unless a peer takes over
     * first it becomes MASTER again and restores every VIP. Any other state, or an address
     * that is not one of its VIPs, changes nothing.
     *
     * @param address the removed address
     * @param device  the interface it was removed from
     */
    record AddressRemoved(InetAddress address, String device) implements InstanceEvent {
        public AddressRemoved {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(device, "device");
        }
    }

    /** A tracked object (by {@link TrackerSettings#name()}) went up or down. */
    record TrackerChanged(String tracker, boolean up) implements InstanceEvent {
        public TrackerChanged {
            Objects.requireNonNull(tracker, "tracker");
        }
    }

    /**
     * Planned handover ({@code jkeepalived demote}): until {@link Promote} the effective priority
     * is 1, whatever the trackers say (their own arithmetic goes on and applies again at the
     * promotion). A MASTER sends one priority-0 advert, removes its VIPs and goes BACKUP, so any
     * backup with a priority above 0 takes over after Skew_Time; its sync-group siblings follow it
     * to BACKUP, each with its own priority-0 advert. A demoted BACKUP never preempts, but still
     * becomes MASTER after Master_Down_Interval when nobody else advertises (availability
     * first). Idempotent.
     */
    record Demote() implements InstanceEvent {
        public static final Demote INSTANCE = new Demote();
    }

    /**
     * Ends a {@link Demote}: the effective priority is the trackers' again and the normal rules
     * apply from now on (a BACKUP with the higher priority preempts after Master_Down_Interval,
     * unless {@code nopreempt}). Idempotent.
     */
    record Promote() implements InstanceEvent {
        public static final Promote INSTANCE = new Promote();
    }
}
