package org.jkeepalived.netlink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership of the VRRP groups 224.0.0.18 (IGMP) and ff02::12 (MLD) on one interface, so a real
 * NIC's multicast filter passes adverts without promiscuous mode. One dual-stack datagram socket
 * joins both groups by interface index (so an interface without an IPv4 address can still join
 * 224.0.0.18); closing it leaves them. Not thread-safe; owned by one {@link PacketChannel}.
 */
final class MulticastMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MulticastMembership.class);
    private final DatagramChannel channel;
    private final int index;

    private MulticastMembership(DatagramChannel channel, int index) {
        this.channel = channel;
        this.index = index;
    }

    /**
     * Joins both groups on {@code device}, reusing {@code previous} when the interface is the same
     * one (same ifindex); otherwise closes {@code previous} and joins afresh. Never throws: a group
     * that cannot be joined (e.g. IPv6 disabled) is logged.
     */
    static MulticastMembership join(String device, MulticastMembership previous) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(device);
            if (nif == null) {
                throw new IOException("no such interface");
            }
            if (previous != null && previous.index == nif.getIndex() && previous.channel.isOpen()) {
                return previous;
            }
            if (previous != null) {
                previous.close();
            }
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET6);
            joinQuietly(channel, "224.0.0.18", nif, device);
            joinQuietly(channel, "ff02::12", nif, device);
            return new MulticastMembership(channel, nif.getIndex());
        } catch (IOException e) {
            LOG.warn("Cannot join VRRP multicast groups on {}: {}", device, e.getMessage());
            return previous;
        }
    }

    private static void joinQuietly(DatagramChannel channel, String group, NetworkInterface nif, String device) {
        try {
            channel.join(InetAddress.getByName(group), nif);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Cannot join {} on {}: {}", group, device, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // leaving a group cannot fail in a way we could act on
        }
    }
}
