package org.jkeepalived.vrrp.port;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The narrow boundary between the pure VRRP core and the operating system, in the spirit of FRR's
 * seven-function {@code vrrp_zebra.h}. The daemon implements it with rtnetlink and pcap; the
 * simulation implements it in memory.
 *
 * <p>Calls are made from the event-loop thread only. Events flow back through the
 * {@link PortListener} given to {@link #open(PortListener)}.
 */
public interface InterfacePort extends AutoCloseable {

    /** Starts monitoring links and addresses; events go to {@code listener}. */
    void open(PortListener listener) throws IOException;

    /** Starts receiving VRRP frames (IPv4 and IPv6, protocol 112) on {@code device}. Idempotent. */
    void listen(String device) throws IOException;

    /** Stops receiving on {@code device}. Idempotent. */
    void unlisten(String device);

    /** The current state of an interface, or empty when it does not exist. */
    Optional<LinkInfo> link(String device);

    /** Adds addresses in one batch; every acknowledgement is checked. */
    void addAddresses(List<VirtualAddress> addresses) throws IOException;

    /** Removes addresses in one batch; an address that is already gone is not an error. */
    void removeAddresses(List<VirtualAddress> addresses) throws IOException;

    /**
     * Sends one whole Ethernet frame (advert, gratuitous ARP or unsolicited NA) on {@code device}.
     * The buffer's position..limit is sent; it is not retained.
     */
    void sendFrame(String device, ByteBuffer frame) throws IOException;

    /**
     * The MAC address to send a unicast advert to {@code peer} through {@code device}: the peer's
     * own, or its gateway's when it is off-link. Empty while unresolved; asking triggers kernel
     * resolution.
     */
    Optional<byte[]> resolveNeighbour(String device, InetAddress peer);

    @Override
    void close();
}
