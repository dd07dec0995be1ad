package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import java.util.Locale;
import org.jkeepalived.vrrp.codec.AdvertView;

/**
 * Dual-master detection for one instance (docs/dual-master.md). Only a master sends adverts, so
 * a valid advert received while we are MASTER and that we answer by staying MASTER (lower
 * priority, or equal priority and a lower address) comes from a second master. Such an advert
 * opens an episode, unless it is the previous master's in-flight advert: those arrive during the
 * first {@code advert interval + Skew_Time} after our own takeover (normal preemption) and are
 * not counted. Further adverts from any other master extend the episode; it closes when none
 * arrived for one Master_Down_Interval, when the peer releases (priority 0), or when we leave
 * MASTER. One log line, one counter increment and one {@link InstanceSink#dualMaster} call on
 * open and on close; nothing is logged per advert.
 *
 * <p>An advert that makes us step down is never counted here: its first advert after a healed
 * partition and a preempting router's first advert are the same packet, so counting it would
 * raise an alarm on every keepalived-style preemption. Instead the router that steps down sends
 * one advert at its own priority first ({@link InstanceSettings#stepDownAdvert()}, or
 * {@code higher_prio_send_advert}); the winner counts it only when it has been MASTER for longer
 * than its in-flight window, which is what separates a healed partition from a preemption (the
 * document explains the rule).
 *
 * <p>Times are monotonic nanoseconds passed in. Allocates only when an episode opens or closes.
 * Not thread-safe: the instance's event loop; only {@link #peer()} may be read from another
 * thread (a status query).
 */
final class DualMasterDetector {

    private static final long NONE = Long.MAX_VALUE;

    private final InstanceSink sink;
    private final InstanceStats stats;
    private String prefix;
    private long masterSinceNanos = NONE;
    private boolean open;
    private InetAddress peer;
    private byte[] peerRaw;
    private int peerPriority;
    private long firstAdvertNanos;
    private long lastAdvertNanos;
    private long closeDeadline = NONE;
    /** What {@link #peer()} reports: the peer while open, else null; written on the loop only. */
    private volatile InetAddress reportedPeer;

    DualMasterDetector(String prefix, InstanceSink sink, InstanceStats stats) {
        this.prefix = prefix;
        this.sink = sink;
        this.stats = stats;
    }

    /** The log prefix changed (reload). */
    void rename(String newPrefix) {
        this.prefix = newPrefix;
    }

    /** We entered MASTER at {@code now}: the grace window for in-flight adverts starts. */
    void enteredMaster(long now) {
        masterSinceNanos = now;
    }

    /** We leave MASTER: an open episode closes now. */
    void leftMaster(int effectivePriority) {
        masterSinceNanos = NONE;
        close(DualMasterEvent.CloseReason.LEFT_MASTER, effectivePriority);
    }

    /**
     * A valid advert from another router that we answer by staying MASTER.
     *
     * @param graceNanos     advert interval + Skew_Time: in-flight adverts of the previous master
     * @param closeAfterNanos Master_Down_Interval: the episode closes this long after its last advert
     */
    void lowerAdvertWhileMaster(AdvertView view, int effectivePriority, long graceNanos, long closeAfterNanos,
                                long now) {
        if (open) {
            extend(view, now, closeAfterNanos);
            return;
        }
        if (masterSinceNanos != NONE && now - masterSinceNanos < graceNanos) {
            return;
        }
        open = true;
        peer = view.sourceAddress();
        peerRaw = peer.getAddress();
        reportedPeer = peer;
        peerPriority = view.priority();
        firstAdvertNanos = now;
        lastAdvertNanos = now;
        closeDeadline = now + closeAfterNanos;
        stats.dualMasterEpisodes++;
        sink.log(prefix + "dual master detected: " + peer.getHostAddress() + " also advertises as master (priority "
                + peerPriority + ", ours " + effectivePriority + ")", false);
        sink.dualMaster(new DualMasterEvent(true, peer, peerPriority, effectivePriority, 0, null));
    }

    /** A priority-0 advert while MASTER: the episode's peer released, so the episode ends. */
    void releaseWhileMaster(AdvertView view, int effectivePriority) {
        if (open && view.sourceAddressEquals(peerRaw)) {
            close(DualMasterEvent.CloseReason.PEER_RELEASED, effectivePriority);
        }
    }

    /** Closes the episode once its deadline has passed. */
    void onTimer(long now, int effectivePriority) {
        if (open && closeDeadline <= now) {
            close(DualMasterEvent.CloseReason.PEER_SILENT, effectivePriority);
        }
    }

    /** When the open episode closes for silence, or {@link Long#MAX_VALUE}. */
    long deadline() {
        return open ? closeDeadline : NONE;
    }

    /** The other master's address while an episode is open, else null. Any thread. */
    InetAddress peer() {
        return reportedPeer;
    }

    private void extend(AdvertView view, long now, long closeAfterNanos) {
        if (!view.sourceAddressEquals(peerRaw)) {
            // A third router: the episode goes on, and the peer reported is the latest one heard.
            peer = view.sourceAddress();
            peerRaw = peer.getAddress();
            reportedPeer = peer;
        }
        peerPriority = view.priority();
        stats.dualMasterNanos += now - lastAdvertNanos;
        lastAdvertNanos = now;
        closeDeadline = now + closeAfterNanos;
    }

    private void close(DualMasterEvent.CloseReason reason, int effectivePriority) {
        if (!open) {
            return;
        }
        open = false;
        reportedPeer = null;
        closeDeadline = NONE;
        long duration = lastAdvertNanos - firstAdvertNanos;
        sink.log(prefix + "dual master ended: " + peer.getHostAddress() + " advertised as master for "
                + seconds(duration) + " (" + describe(reason) + ")", false);
        sink.dualMaster(new DualMasterEvent(false, peer, peerPriority, effectivePriority, duration, reason));
    }

    private static String describe(DualMasterEvent.CloseReason reason) {
        return switch (reason) {
            case PEER_SILENT -> "no advert for Master_Down_Interval";
            case PEER_RELEASED -> "it sent priority 0";
            case LEFT_MASTER -> "we left MASTER";
        };
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }
}
