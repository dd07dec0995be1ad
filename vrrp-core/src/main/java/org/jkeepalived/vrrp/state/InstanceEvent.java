package org.jkeepalived.vrrp.state;

import java.util.Objects;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;

/**
 * Something that happens to a {@link VrrpInstance}. The hot-path events are reusable so that the
 * steady state allocates nothing: {@link TimerExpired#INSTANCE}, one {@link AdvertReceived} per
 * receiving {@link AdvertView}, and {@link PacketRejected#of}.
 */
public sealed interface InstanceEvent {

    /** Startup: removes stale VIPs, then INIT → MASTER (owner), BACKUP or FAULT. */
    record Start(boolean interfaceRunning) implements InstanceEvent {
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

    /** A tracked object (by {@link TrackerSettings#name()}) went up or down. */
    record TrackerChanged(String tracker, boolean up) implements InstanceEvent {
        public TrackerChanged {
            Objects.requireNonNull(tracker, "tracker");
        }
    }
}
