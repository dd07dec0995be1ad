package org.jkeepalived.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership of the VRRP groups 224.0.0.18 (IGMP) and ff02::12 (MLD), plus any configured
 * {@code vrrp_mcast_group4/6}, on one interface, so a real
 * NIC's multicast filter passes adverts without promiscuous mode. Each family has its own native
 * datagram socket joined by interface index (so an interface without an IPv4 address can still
 * join 224.0.0.18); closing them leaves the groups.
 *
 * <p>The two families are independent: IPv6 off on the host ({@code ipv6.disable=1}), in the
 * namespace or on the interface ({@code disable_ipv6=1}) only means ff02::12 is not joined, and
 * never stops the capture. Native sockets are used rather than a JDK {@code DatagramChannel}
 * because the JDK decides once, at start, that IPv6 is unavailable when no interface has an IPv6
 * address, and would then never join ff02::12 after IPv6 is re-enabled. A missing IPv6 join is
 * retried by {@link #join} and {@link #retryIpv6()}. Not thread-safe; owned by one
 * {@link PacketChannel}.
 */
final class MulticastMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MulticastMembership.class);
    static final byte[] VRRP_GROUP_IPV4 = {(byte) 224, 0, 0, 18};
    static final byte[] VRRP_GROUP_IPV6 = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12};
    private static final int SOCK_DGRAM = 2;
    private static final int IPPROTO_IP = 0;
    private static final int IP_ADD_MEMBERSHIP = 35;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_ADD_MEMBERSHIP = 20;

    /** Configured groups (vrrp_mcast_group4/6, mcast_dst_address) joined besides VRRP's own. */
    private static volatile List<InetAddress> extraGroups = List.of();

    private final Native nativeCalls = Native.get();
    private final String device;
    private final int index;
    private int ipv4Socket = -1;
    private int ipv6Socket = -1;
    /** The last IPv6 state logged, so a disabled interface is reported once, not on every retry. */
    private Ipv6Support reportedIpv6;

    private MulticastMembership(String device, int index) {
        this.device = device;
        this.index = index;
    }

    /**
     * Joins both groups on {@code device}, reusing {@code previous} when the interface is the same
     * one (same ifindex; a missing ff02::12 is retried then); otherwise closes {@code previous}
     * and joins afresh. Never throws: a group that cannot be joined is logged, the other one is
     * still joined.
     */
    static MulticastMembership join(String device, MulticastMembership previous) {
        int index = Native.get().interfaceIndex(device);
        if (index == 0) {
            LOG.warn("Cannot join VRRP multicast groups on {}: no such interface", device);
            return previous;
        }
        if (previous != null && previous.index == index) {
            previous.joinMissing();
            return previous;
        }
        if (previous != null) {
            previous.close();
        }
        MulticastMembership membership = new MulticastMembership(device, index);
        membership.joinMissing();
        return membership;
    }

    /** Joins ff02::12 if it is not joined yet (IPv6 was re-enabled); a no-op otherwise. */
    void retryIpv6() {
        joinMissing();
    }

    private void joinMissing() {
        if (ipv4Socket < 0) {
            try {
                ipv4Socket = joined(Native.AF_INET, IPPROTO_IP, IP_ADD_MEMBERSHIP, ipv4Request(), "IP_ADD_MEMBERSHIP");
                joinExtra(ipv4Socket, false);
            } catch (IOException e) {
                LOG.warn("Cannot join 224.0.0.18 on {}: {}", device, e.getMessage());
            }
        }
        if (ipv6Socket < 0) {
            joinIpv6(Ipv6Support.of(device));
        }
    }

    private void joinIpv6(Ipv6Support support) {
        if (!support.socketsAvailable()) {
            reportOnce(support, "IPv6 is not available in this kernel: not joining ff02::12 on {}");
            return;
        }
        try {
            ipv6Socket = joined(Native.AF_INET6, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, ipv6Request(), "IPV6_ADD_MEMBERSHIP");
            joinExtra(ipv6Socket, true);
            if (reportedIpv6 != null && reportedIpv6 != Ipv6Support.ENABLED) {
                LOG.info("Joined ff02::12 on {}: IPv6 is available again", device);
            }
            reportedIpv6 = Ipv6Support.ENABLED;
        } catch (IOException e) {
            if (support == Ipv6Support.DISABLED) {
                reportOnce(support, "IPv6 is disabled on {}: not joining ff02::12 until it is enabled");
            } else {
                LOG.warn("Cannot join ff02::12 on {}: {}", device, e.getMessage());
            }
        }
    }

    private void reportOnce(Ipv6Support support, String message) {
        if (reportedIpv6 != support) {
            reportedIpv6 = support;
            LOG.info(message, device);
        }
    }

    /**
     * Also joins {@code extra} (the configured {@code vrrp_mcast_group4/6}) on interfaces opened
     * from now on; an interface already joined keeps its groups until it is reopened.
     */
    static void alsoJoin(Collection<InetAddress> extra) {
        extraGroups = List.copyOf(extra);
    }

    /** Joins the configured extra groups of one family on an already joined socket; failures are logged. */
    private void joinExtra(int fd, boolean ipv6) {
        for (InetAddress group : extraGroups) {
            if ((group instanceof Inet4Address) == ipv6
                    || java.util.Arrays.equals(group.getAddress(), ipv6 ? VRRP_GROUP_IPV6 : VRRP_GROUP_IPV4)) {
                continue; // other family, or VRRP's own group, joined already
            }
            try {
                if (ipv6) {
                    nativeCalls.setOption(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, ipv6Request(group.getAddress()),
                            "IPV6_ADD_MEMBERSHIP");
                } else {
                    nativeCalls.setOption(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, ipv4Request(group.getAddress()),
                            "IP_ADD_MEMBERSHIP");
                }
            } catch (IOException e) {
                LOG.warn("Cannot join {} on {}: {}", group.getHostAddress(), device, e.getMessage());
            }
        }
    }

    private int joined(int family, int level, int option, ByteBuffer request, String name) throws IOException {
        int fd = nativeCalls.socket(family, SOCK_DGRAM, 0);
        try {
            nativeCalls.setOption(fd, level, option, request, name);
            return fd;
        } catch (IOException e) {
            nativeCalls.close(fd);
            throw e;
        }
    }

    /** struct ip_mreqn: group, local address (any), ifindex. */
    private ByteBuffer ipv4Request() {
        return ipv4Request(VRRP_GROUP_IPV4);
    }

    private ByteBuffer ipv4Request(byte[] group) {
        ByteBuffer request = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
        request.put(0, group).putInt(4, 0).putInt(8, index);
        return request;
    }

    /** struct ipv6_mreq: group, ifindex. */
    private ByteBuffer ipv6Request() {
        return ipv6Request(VRRP_GROUP_IPV6);
    }

    private ByteBuffer ipv6Request(byte[] group) {
        ByteBuffer request = ByteBuffer.allocateDirect(20).order(ByteOrder.nativeOrder());
        request.put(0, group).putInt(16, index);
        return request;
    }

    @Override
    public void close() {
        if (ipv4Socket >= 0) {
            nativeCalls.close(ipv4Socket);
            ipv4Socket = -1;
        }
        if (ipv6Socket >= 0) {
            nativeCalls.close(ipv6Socket);
            ipv6Socket = -1;
        }
    }
}
