package org.jkeepalived.netlink;

import java.io.IOException;
import org.jkeepalived.netlink.rtm.AddressEntry;
import org.jkeepalived.netlink.rtm.AddressMessages;
import org.jkeepalived.netlink.rtm.LinkEntry;
import org.jkeepalived.netlink.rtm.LinkMessages;
import org.jkeepalived.netlink.rtm.Message;
import org.jkeepalived.netlink.rtm.Rtnl;
import org.jkeepalived.vrrp.port.PortEvent;
import org.jkeepalived.vrrp.port.PortListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows link and address changes (RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR) on its
 * own thread, keeps {@link KernelState} current and posts {@link PortEvent}s. When the kernel
 * drops events (ENOBUFS), it re-dumps links and addresses and posts
 * {@link PortEvent.Resynchronised}.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} may be called from any thread; events are
 * delivered on the monitor thread.
 */
public final class NetlinkMonitor implements AutoCloseable {
    /** Default kernel receive buffer: well past the ~2,000-event bursts that overflow the default. */
    public static final int DEFAULT_BUFFER_BYTES = 32 * 1024 * 1024;
    private static final int POLL_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(NetlinkMonitor.class);

    private final Rtnetlink rtnetlink;
    private final KernelState state;
    private final PortListener listener;
    private final int bufferBytes;
    private NetlinkSocket socket;
    private Thread thread;
    private volatile boolean running;
    private volatile long resynchronisations;

    NetlinkMonitor(Rtnetlink rtnetlink, KernelState state, PortListener listener, int bufferBytes) {
        this.rtnetlink = rtnetlink;
        this.state = state;
        this.listener = listener;
        this.bufferBytes = bufferBytes;
    }

    /** Subscribes, loads the current state with a dump, then starts the monitor thread. */
    public synchronized void start() throws IOException {
        if (running) {
            return;
        }
        socket = new NetlinkSocket(Rtnl.RTMGRP_LINK | Rtnl.RTMGRP_IPV4_IFADDR | Rtnl.RTMGRP_IPV6_IFADDR,
            bufferBytes, POLL_MILLIS);
        // Subscribe first, then dump: a change in between is seen twice, never missed.
        state.reset(rtnetlink.links(), rtnetlink.addresses());
        running = true;
        thread = new Thread(this::run, "netlink-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many times events were lost and the state re-read. */
    public long resynchronisations() {
        return resynchronisations;
    }

    private void run() {
        while (running) {
            try {
                for (Message message : socket.receive()) {
                    dispatch(message);
                }
            } catch (Native.NativeException e) {
                if (e.errno() == Native.ENOBUFS) {
                    resynchronise();
                } else if (running) {
                    LOG.error("Netlink: error reading events: {}", e.getMessage());
                    pauseAfterError();
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.error("Netlink: error reading events: {}", e.getMessage());
                    pauseAfterError();
                }
            }
        }
    }

    private void resynchronise() {
        LOG.warn("Netlink: receive buffer overrun, resynchronising with the kernel");
        for (int attempt = 1; attempt <= 3 && running; attempt++) {
            try {
                // Queued events are older than the dump below. Reading them out also clears the
                // kernel's congestion mark: without that, events dropped during the dump would
                // go unreported. Events queued after this point are replayed on top of the dump.
                socket.drain();
                state.reset(rtnetlink.links(), rtnetlink.addresses());
                resynchronisations++;
                listener.onEvent(new PortEvent.Resynchronised());
                return;
            } catch (IOException e) {
                LOG.error("Netlink: resynchronisation attempt {} failed: {}", attempt, e.getMessage());
            }
        }
    }

    private void dispatch(Message message) {
        switch (message.type()) {
            case Rtnl.RTM_NEWLINK -> {
                LinkEntry link = LinkMessages.parse(message.payload());
                state.putLink(link);
                listener.onEvent(new PortEvent.LinkChanged(state.toLinkInfo(link)));
            }
            case Rtnl.RTM_DELLINK -> {
                LinkEntry link = LinkMessages.parse(message.payload());
                state.removeLink(link.index());
                listener.onEvent(new PortEvent.LinkDeleted(link.name(), link.index()));
            }
            case Rtnl.RTM_NEWADDR -> {
                AddressEntry address = AddressMessages.parse(message.payload());
                state.addAddress(address);
                listener.onEvent(new PortEvent.AddressAdded(state.nameOf(address.index()),
                    address.address(), address.prefixLength()));
            }
            case Rtnl.RTM_DELADDR -> {
                AddressEntry address = AddressMessages.parse(message.payload());
                state.removeAddress(address);
                listener.onEvent(new PortEvent.AddressRemoved(state.nameOf(address.index()),
                    address.address(), address.prefixLength()));
            }
            default -> {
                // other rtnetlink traffic is not ours to follow
            }
        }
    }

    private void pauseAfterError() {
        try {
            Thread.sleep(POLL_MILLIS); // back off so a persistent error does not spin a core
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        Thread toJoin;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            toJoin = thread;
        }
        try {
            toJoin.join(2 * POLL_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }

    /** For tests: the kernel receive buffer actually granted. */
    int grantedBufferBytes() throws IOException {
        return socket.receiveBufferBytes();
    }
}
