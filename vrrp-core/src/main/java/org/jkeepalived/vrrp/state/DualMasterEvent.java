package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A dual-master episode opened or closed (docs/dual-master.md): another router advertised as
 * master for our VRID while we were MASTER and stayed MASTER. Immutable; made only when an
 * episode opens or closes, never per advert.
 *
 * @param opened            true when the episode opens, false when it closes
 * @param peer              the other master's address (the last one heard, if several were)
 * @param peerPriority      the priority in the peer's last advert
 * @param effectivePriority our effective priority at that moment
 * @param durationNanos     0 on open; on close, from the episode's first to its last advert, nanoseconds
 * @param reason            on close, why it closed; null on open
 */
public record DualMasterEvent(boolean opened, InetAddress peer, int peerPriority, int effectivePriority,
                              long durationNanos, CloseReason reason) {
    public DualMasterEvent {
        Objects.requireNonNull(peer, "peer");
    }

    /** Why an episode closed. */
    public enum CloseReason {
        /** No advert from another master for one Master_Down_Interval. */
        PEER_SILENT,
        /** The peer released mastership with a priority-0 advert. */
        PEER_RELEASED,
        /** We left MASTER (stepped down, fault, stop). */
        LEFT_MASTER
    }
}
