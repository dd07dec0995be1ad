package org.jkeepalived.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jkeepalived.vrrp.port.PortEvent;
import org.jkeepalived.vrrp.port.PortListener;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VRRP frames in and out of one interface through a pcap handle: immediate mode (no batching
 * delay), direction IN (our own transmissions are not handed back), a 256 KB kernel buffer and a
 * BPF filter for protocol 112 (and 51, AH) over IPv4 and 112 over IPv6 that also drops frames
 * from our own MACs. A reader thread posts {@link PortEvent.FrameReceived}; when the handle fails
 * (interface down, deleted, re-created) it is closed and reopened, after a backoff or as soon as
 * {@link #wake()} says the link is back. Each (re)open also joins 224.0.0.18 and ff02::12; IPv6
 * being off (host, namespace or interface) only leaves ff02::12 unjoined, never stops the capture.
 *
 * <p>Sending uses a second handle that captures nothing. Thread-safe: {@link #send} may run
 * concurrently with the reader; {@link #close()} stops the
 * reader with {@code breakLoop()} (which wakes an idle read) and then closes the handle.
 */
final class PacketChannel implements AutoCloseable {
    /**
     * The receive ring. In immediate mode libpcap uses a TPACKET_V2 ring of snaplen-sized slots
     * (two 1,518-byte frames per 4 KB block), so 1 MB holds about 500 frames: two back-to-back
     * bursts of 255 adverts. At 256 KB (about 128 frames) the tail of each burst
     * of adverts from 255 instances whose timers had aligned was dropped, 3 times in a row for
     * the same VRIDs, and backups took over in steady state (bench scale-255, 2026-11-22).
     * The ring is resident memory (libpcap touches all of it), so it is not made larger still.
     */
    static final int BUFFER_BYTES = 1024 * 1024;
    /** The send-only handle captures nothing ("less 1"): its ring only needs to exist. */
    private static final int SEND_BUFFER_BYTES = 64 * 1024;
    /** Ethernet header and one 802.1Q tag on top of the MTU: the largest frame that can arrive. */
    private static final int LINK_HEADER_ALLOWANCE = 18;
    private static final int DEFAULT_SNAPLEN = 1500 + LINK_HEADER_ALLOWANCE;
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(PacketChannel.class);

    private final String device;
    private final PortListener listener;
    private final List<byte[]> ownMacs;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition reopenSignal = lock.newCondition();
    private volatile PcapHandle handle;
    private PcapHandle sendHandle;
    private volatile boolean running;
    private volatile boolean wakeRequested;
    private volatile long reopenCount;
    /** Guards {@link #membership}: the reader joins, the monitor thread retries ff02::12, close() leaves. */
    private final Object membershipLock = new Object();
    private MulticastMembership membership;
    private Thread reader;

    /**
     * @param device   interface (or macvlan) name
     * @param listener receives the frames, on the reader thread
     * @param ownMacs  source MACs whose frames are dropped by the filter (ours and our VMACs)
     */
    PacketChannel(String device, PortListener listener, List<byte[]> ownMacs) {
        PcapLibrary.configure();
        this.device = device;
        this.listener = listener;
        this.ownMacs = List.copyOf(ownMacs);
    }

    /** The BPF filter expression: VRRP (and AH) over IPv4, VRRP over IPv6, not from us. */
    static String filterExpression(List<byte[]> ownMacs) {
        StringBuilder filter = new StringBuilder("(ip proto 112 or ip proto 51 or ip6 proto 112)");
        HexFormat colons = HexFormat.ofDelimiter(":");
        for (byte[] mac : ownMacs) {
            filter.append(" and not ether src ").append(colons.formatHex(mac));
        }
        return filter.toString();
    }

    /** Starts the reader thread (which opens the handle). Idempotent. */
    synchronized void startReceiving() {
        if (running) {
            return;
        }
        running = true;
        try {
            // open now, so frames arriving right after listen() are already captured
            handle = openHandle(true);
        } catch (PcapNativeException | NotOpenException e) {
            LOG.warn("Cannot capture on {} yet: {}; will retry", device, e.getMessage());
        }
        try {
            // Open the send handle now too: opening it on the first send (the first MASTER
            // transition) delayed that advert by 10-16 ms on the wire.
            sendHandle();
        } catch (IOException e) {
            LOG.debug("Cannot open the send handle on {} yet: {}; will retry on send", device, e.getMessage());
        }
        reader = new Thread(this::readLoop, "vrrp-rx-" + device);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends one whole Ethernet frame (position..limit) through this channel's send handle, which
     * is separate from the reader's so sending does not depend on the reader's (re)opening. A
     * failed send is retried once on a freshly opened handle (the interface may have been
     * deleted and re-created).
     */
    void send(ByteBuffer frame) throws IOException {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        for (int attempt = 1; ; attempt++) {
            PcapHandle current = sendHandle();
            try {
                current.sendPacket(bytes, bytes.length);
                return;
            } catch (PcapNativeException | NotOpenException e) {
                dropSendHandle(current);
                if (attempt >= 2) {
                    throw new IOException("sendFrame " + device + ": " + e.getMessage(), e);
                }
                // one retry on a fresh handle: the interface may have been deleted and re-created
            }
        }
    }

    private synchronized PcapHandle sendHandle() throws IOException {
        if (sendHandle == null || !sendHandle.isOpen()) {
            try {
                sendHandle = openHandle(false);
            } catch (PcapNativeException | NotOpenException e) {
                throw new IOException("sendFrame " + device + ": " + e.getMessage(), e);
            }
        }
        return sendHandle;
    }

    private synchronized void dropSendHandle(PcapHandle failed) {
        if (sendHandle == failed) {
            sendHandle = null;
            closeQuietly(failed);
        }
    }

    /**
     * Frames the kernel dropped because the capture buffer was full, on the current handle
     * (libpcap's {@code ps_drop}); 0 when no handle is open.
     */
    long captureDrops() {
        PcapHandle current = handle;
        if (current == null || !current.isOpen()) {
            return 0;
        }
        try {
            return current.getStats().getNumPacketsDropped();
        } catch (PcapNativeException | NotOpenException e) {
            return 0;
        }
    }

    /** Times the handle was reopened after a failure. */
    long reopenCount() {
        return reopenCount;
    }

    private void joinGroups() {
        synchronized (membershipLock) {
            if (running) {
                membership = MulticastMembership.join(device, membership);
            }
        }
    }

    /**
     * Joins ff02::12 now if it was not joined (IPv6 was off on the interface and an IPv6
     * address has appeared since). The capture never depends on it; this only opens a real NIC's
     * multicast filter for IPv6 adverts.
     */
    void retryIpv6Membership() {
        synchronized (membershipLock) {
            if (running && membership != null) {
                membership.retryIpv6();
            }
        }
    }

    /** Says the link may be back: a reader waiting to reopen tries at once. */
    void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            reopenSignal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private PcapHandle openHandle(boolean forReceive) throws PcapNativeException, NotOpenException {
        PcapHandle opened = new PcapHandle.Builder(device)
            .snaplen(snaplen())
            .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
            .timeoutMillis(100)
            .bufferSize(forReceive ? BUFFER_BYTES : SEND_BUFFER_BYTES)
            .immediateMode(true)
            .direction(PcapHandle.PcapDirection.IN)
            .build();
        try {
            // a send-only handle captures nothing: its kernel buffer must not fill with traffic
            opened.setFilter(forReceive ? filterExpression(ownMacs) : "less 1", BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    /**
     * The whole largest frame the link can carry, and no more: a smaller capture slot means more
     * frames fit in the fixed 256 KB buffer (by libpcap's ring layout a 1,518-byte slot fits two per 4 KB block, a 2 KB
     * one only one), so a reader that stalls for a while loses nothing.
     */
    private int snaplen() {
        try {
            java.net.NetworkInterface nif = java.net.NetworkInterface.getByName(device);
            int mtu = nif == null ? -1 : nif.getMTU();
            return mtu > 0 ? Math.min(mtu + LINK_HEADER_ALLOWANCE, 65_535) : DEFAULT_SNAPLEN;
        } catch (java.net.SocketException e) {
            return DEFAULT_SNAPLEN;
        }
    }

    private void readLoop() {
        long backoff = MIN_BACKOFF_NANOS;
        boolean first = true;
        while (running) {
            PcapHandle current = null;
            try {
                current = takeOpenedHandle();
                if (current == null) {
                    current = openHandle(true);
                    replaceHandle(current);
                }
                joinGroups();
                if (!first) {
                    reopenCount++;
                    LOG.info("Packet capture on {} reopened", device);
                }
                first = false;
                backoff = MIN_BACKOFF_NANOS;
                current.loop(-1, (byte[] frame) ->
                    listener.onEvent(new PortEvent.FrameReceived(device, frame, System.nanoTime())));
            } catch (InterruptedException stopped) {
                // breakLoop(): close() or a deliberate reopen
            } catch (PcapNativeException | NotOpenException | RuntimeException e) {
                if (running) {
                    LOG.warn("Packet capture on {} stopped: {}; will reopen", device, e.getMessage());
                }
            }
            closeQuietly(current);
            if (running) {
                waitBeforeReopen(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            }
        }
    }

    /** The handle {@link #startReceiving()} opened, if it is still open and unused. */
    private synchronized PcapHandle takeOpenedHandle() {
        PcapHandle opened = handle;
        return opened != null && opened.isOpen() ? opened : null;
    }

    private synchronized void replaceHandle(PcapHandle current) {
        PcapHandle old = handle;
        handle = current;
        if (old != null && old != current) {
            old.close();
        }
    }

    private void waitBeforeReopen(long backoffNanos) {
        lock.lock();
        try {
            long left = backoffNanos;
            while (running && !wakeRequested && left > 0) {
                left = reopenSignal.awaitNanos(left);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(PcapHandle current) {
        if (current != null && current.isOpen()) {
            current.close();
        }
    }

    @Override
    public void close() {
        Thread toJoin;
        synchronized (this) {
            running = false;
            toJoin = reader;
        }
        // The reader may be between opening a handle and entering its loop: keep breaking the
        // current handle until the thread is gone (bounded), so close() never hangs on an idle link.
        for (int attempt = 0; attempt < 20 && toJoin != null && toJoin.isAlive(); attempt++) {
            PcapHandle current = handle;
            if (current != null && current.isOpen()) {
                try {
                    current.breakLoop();
                } catch (NotOpenException ignored) {
                    // closed by the reader meanwhile
                }
            }
            wake();
            try {
                toJoin.join(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            closeQuietly(handle);
            handle = null;
            closeQuietly(sendHandle);
            sendHandle = null;
        }
        synchronized (membershipLock) {
            if (membership != null) {
                membership.close();
                membership = null;
            }
        }
    }
}
