package org.jkeepalived.vrrp.port;

import java.net.InetAddress;

/**
 * Something the operating system side reports to the event loop. Events are delivered on the
 * port's own threads to a {@link PortListener}, which only enqueues them; the loop consumes them.
 */
public sealed interface PortEvent {

    /**
     * A VRRP frame received on an interface.
     *
     * @param device            receiving interface
     * @param frame             the whole Ethernet frame (owned by the listener from now on)
     * @param receivedNanos     capture timestamp on the loop's monotonic clock
     */
    record FrameReceived(String device, byte[] frame, long receivedNanos) implements PortEvent {
    }

    /** An interface appeared or changed flags (including operational state). */
    record LinkChanged(LinkInfo link) implements PortEvent {
    }

    /** An interface was deleted. */
    record LinkDeleted(String device, int index) implements PortEvent {
    }

    /** An address was added to an interface (by us or anyone else). */
    record AddressAdded(String device, InetAddress address, int prefixLength) implements PortEvent {
    }

    /** An address was removed from an interface (by us or anyone else). */
    record AddressRemoved(String device, InetAddress address, int prefixLength) implements PortEvent {
    }

    /**
     * The port lost events (netlink ENOBUFS) and re-read the kernel state; the loop should
     * re-check links and VIPs against {@link InterfacePort#link(String)}.
     */
    record Resynchronised() implements PortEvent {
    }
}
