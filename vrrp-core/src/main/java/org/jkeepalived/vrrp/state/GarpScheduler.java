package org.jkeepalived.vrrp.state;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jkeepalived.vrrp.codec.AddressAnnouncements;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * The gratuitous ARP / unsolicited NA schedule of one MASTER instance: a burst on becoming
 * MASTER ({@code garp_master_repeat} frames per VIP, VIPs interleaved as keepalived sends them),
 * a second burst after {@code garp_master_delay}, periodic refreshes, and the lower-priority
 * variants; frames spaced by {@code vrrp_garp_interval}. Allocation-free after construction.
 * Not thread-safe.
 */
final class GarpScheduler {

    static final long NONE = Long.MAX_VALUE;

    private final GarpSettings settings;
    private final byte[] sourceMac;
    private final boolean router;
    private final byte[][] addresses;
    /** keepalived's per-frame -D lines, built once so that sending does not allocate. */
    private final String[] frameLogLines;
    /** keepalived's "(VI_1) Sending/queueing …" -D lines, one per VIP, logged when MASTER starts. */
    private final String[] queueLogLines;
    private final byte[] frame = new byte[AddressAnnouncements.NA_LENGTH];
    private final ByteBuffer frameBuffer = ByteBuffer.wrap(frame);

    private int burstFramesLeft;
    private int burstIndex;
    private long nextFrameAt = NONE;
    private long delayedBurstAt = NONE;
    private int delayedBurstRepeat;
    private long refreshAt = NONE;

    GarpScheduler(InstanceSettings instance) {
        settings = instance.garp();
        sourceMac = instance.sourceMac();
        router = instance.ipv6Router();
        List<VirtualAddress> vips = new ArrayList<>(instance.virtualAddresses());
        vips.addAll(instance.excludedAddresses());
        addresses = new byte[vips.size()][];
        frameLogLines = new String[vips.size()];
        queueLogLines = new String[vips.size()];
        for (int i = 0; i < addresses.length; i++) {
            VirtualAddress vip = vips.get(i);
            addresses[i] = vip.address().getAddress();
            String where = vip.device() + " for " + AddressText.of(vip.address());
            frameLogLines[i] = (vip.isIpv6() ? "Sending unsolicited Neighbour Advert on " : "Sending gratuitous ARP on ")
                    + where;
            queueLogLines[i] = "(" + instance.name() + ") Sending/queueing "
                    + (vip.isIpv6() ? "Unsolicited Neighbour Adverts on " : "gratuitous ARPs on ") + where;
        }
    }

    /** Becoming MASTER: first burst now, second after the delay, refresh if configured. */
    long becameMaster(long now, InstanceSink sink, InstanceStats stats) {
        delayedBurstAt = settings.masterDelayNanos() > 0 ? now + settings.masterDelayNanos() : NONE;
        delayedBurstRepeat = settings.masterRepeat();
        refreshAt = settings.masterRefreshNanos() > 0 ? now + settings.masterRefreshNanos() : NONE;
        for (String line : queueLogLines) {
            sink.log(line, true);
        }
        startBurst(settings.masterRepeat(), now, sink, stats);
        return nextDeadline();
    }

    /** A MASTER received a lower-priority advert: the lower-priority burst pair, if configured. */
    void lowerPriorityAdvert(long now, InstanceSink sink, InstanceStats stats) {
        if (settings.lowerPrioRepeat() == 0) {
            return;
        }
        startBurst(settings.lowerPrioRepeat(), now, sink, stats);
        if (settings.lowerPrioDelayNanos() > 0) {
            delayedBurstAt = now + settings.lowerPrioDelayNanos();
            delayedBurstRepeat = settings.lowerPrioRepeat();
        }
    }

    /**
     * A reload replaced the VIP list or the GARP settings of a running instance: take over what
     * {@code previous} still had pending (a burst being spaced out, the delayed second burst, the
     * refresh), so a MASTER's schedule is not restarted; a refresh newly configured on a MASTER
     * starts now. The frames of a pending burst go to the new addresses.
     */
    void continueFrom(GarpScheduler previous, boolean master, long now) {
        if (addresses.length > 0) {
            burstFramesLeft = previous.burstFramesLeft;
            burstIndex = previous.burstIndex;
            nextFrameAt = previous.nextFrameAt;
        }
        delayedBurstAt = previous.delayedBurstAt;
        delayedBurstRepeat = previous.delayedBurstRepeat;
        if (settings.masterRefreshNanos() == 0) {
            refreshAt = NONE;
        } else if (previous.refreshAt != NONE) {
            refreshAt = previous.refreshAt;
        } else if (master) {
            refreshAt = now + settings.masterRefreshNanos();
        }
    }

    /**
     * A reload added VIPs to a MASTER: like keepalived, a burst of {@code garp_master_repeat}
     * frames for every VIP (the new ones are among them) and the refresh timer restarted.
     */
    void addressesAdded(long now, InstanceSink sink, InstanceStats stats) {
        if (settings.masterRefreshNanos() > 0) {
            refreshAt = now + settings.masterRefreshNanos();
        }
        for (String line : queueLogLines) {
            sink.log(line, true);
        }
        startBurst(settings.masterRepeat(), now, sink, stats);
    }

    /** Leaving MASTER: nothing more is sent. */
    void cancel() {
        burstFramesLeft = 0;
        nextFrameAt = NONE;
        delayedBurstAt = NONE;
        refreshAt = NONE;
    }

    /** Sends whatever is due at {@code now}. */
    void onTimer(long now, InstanceSink sink, InstanceStats stats) {
        if (delayedBurstAt <= now) {
            delayedBurstAt = NONE;
            startBurst(delayedBurstRepeat, now, sink, stats);
        }
        if (refreshAt <= now) {
            refreshAt = now + settings.masterRefreshNanos();
            startBurst(settings.masterRefreshRepeat(), now, sink, stats);
        }
        if (nextFrameAt <= now) {
            sendDueFrames(now, sink, stats);
        }
    }

    long nextDeadline() {
        return Math.min(nextFrameAt, Math.min(delayedBurstAt, refreshAt));
    }

    private void startBurst(int repeat, long now, InstanceSink sink, InstanceStats stats) {
        burstFramesLeft = repeat * addresses.length;
        burstIndex = 0;
        nextFrameAt = burstFramesLeft > 0 ? now : NONE;
        sendDueFrames(now, sink, stats);
    }

    private void sendDueFrames(long now, InstanceSink sink, InstanceStats stats) {
        while (burstFramesLeft > 0) {
            int vip = burstIndex % addresses.length;
            byte[] address = addresses[vip];
            int length = address.length == 4
                    ? AddressAnnouncements.writeGratuitousArp(frame, 0, sourceMac, address)
                    : AddressAnnouncements.writeUnsolicitedNa(frame, 0, sourceMac, address, router);
            frameBuffer.limit(length).position(0);
            sink.log(frameLogLines[vip], true);
            sink.sendFrame(frameBuffer);
            stats.garpSent++;
            burstIndex++;
            burstFramesLeft--;
            if (settings.intervalNanos() > 0 && burstFramesLeft > 0) {
                nextFrameAt = now + settings.intervalNanos();
                return;
            }
        }
        nextFrameAt = NONE;
    }
}
