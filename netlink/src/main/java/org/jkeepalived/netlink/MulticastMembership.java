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
    /** The groups joined on every listened interface: VRRP's, plus configured ones. */
    private static volatile java.util.List<String> groups = java.util.List.of("224.0.0.18", "ff02::12");
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
            for (String group : groups) {
                joinQuietly(channel, group, nif, device);
            }
            return new MulticastMembership(channel, nif.getIndex());
        } catch (IOException e) {
            LOG.warn("Cannot join VRRP multicast groups on {}: {}", device, e.getMessage());
            return previous;
        }
    }

    /**
     * Also joins {@code extra} (the configured {@code vrrp_mcast_group4/6}) on interfaces opened
     * from now on; an interface already joined keeps its groups until it is reopened.
     */
    static void alsoJoin(java.util.Collection<InetAddress> extra) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(java.util.List.of("224.0.0.18", "ff02::12"));
        extra.forEach(a -> all.add(a.getHostAddress()));
        groups = java.util.List.copyOf(all);
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
