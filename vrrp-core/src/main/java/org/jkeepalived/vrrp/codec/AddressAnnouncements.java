package org.jkeepalived.vrrp.codec;

import static org.jkeepalived.vrrp.codec.FrameLayout.*;

/**
 * Gratuitous ARP and unsolicited neighbour advertisement frames, as keepalived 2.2.7 sends them
 * when it takes over a VIP:
 * <ul>
 *   <li>ARP request (42 bytes, unpadded): broadcast destination, sender = target = VIP, sender MAC
 *       = source MAC, target MAC broadcast.</li>
 *   <li>NA (86 bytes): from the VIP to ff02::1 / 33:33:00:00:00:01, traffic class 0, hop limit
 *       255, Override flag, Router flag when forwarding is on, target = VIP, one target
 *       link-layer address option (type 2) with the source MAC, ICMPv6 checksum computed.</li>
 * </ul>
 * Stateless and allocation-free; safe from any thread.
 */
public final class AddressAnnouncements {

    /** Length of a gratuitous ARP frame. */
    public static final int GARP_LENGTH = ETHERNET_HEADER_LENGTH + 28;
    /** Length of an unsolicited NA frame. */
    public static final int NA_LENGTH = ETHERNET_HEADER_LENGTH + IPV6_HEADER_LENGTH + 32;

    private static final int NA_FLAG_ROUTER = 0x80;
    private static final int NA_FLAG_OVERRIDE = 0x20;
    private static final int ICMPV6_NEIGHBOUR_ADVERTISEMENT = 136;
    private static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;

    private AddressAnnouncements() {
    }

    /**
     * Writes a gratuitous ARP request for {@code vip} (4 bytes) from {@code sourceMac} into
     * {@code out} at {@code offset}; returns {@link #GARP_LENGTH}.
     */
    public static int writeGratuitousArp(byte[] out, int offset, byte[] sourceMac, byte[] vip) {
        requireLength(sourceMac, 6, "source MAC");
        requireLength(vip, 4, "IPv4 VIP");
        int o = offset;
        System.arraycopy(BROADCAST_MAC, 0, out, o, 6);
        System.arraycopy(sourceMac, 0, out, o + 6, 6);
        putU16(out, o + ETHERTYPE_OFFSET, ETHERTYPE_ARP);
        int a = o + ETHERNET_HEADER_LENGTH;
        putU16(out, a, 1);
        putU16(out, a + 2, ETHERTYPE_IPV4);
        out[a + 4] = 6;
        out[a + 5] = 4;
        putU16(out, a + 6, 1);
        System.arraycopy(sourceMac, 0, out, a + 8, 6);
        System.arraycopy(vip, 0, out, a + 14, 4);
        System.arraycopy(BROADCAST_MAC, 0, out, a + 18, 6);
        System.arraycopy(vip, 0, out, a + 24, 4);
        return GARP_LENGTH;
    }

    /**
     * Writes an unsolicited NA for {@code vip} (16 bytes) from {@code sourceMac} into {@code out}
     * at {@code offset}; returns {@link #NA_LENGTH}.
     *
     * @param router set the Router flag (the interface forwards IPv6)
     */
    public static int writeUnsolicitedNa(byte[] out, int offset, byte[] sourceMac, byte[] vip, boolean router) {
        requireLength(sourceMac, 6, "source MAC");
        requireLength(vip, 16, "IPv6 VIP");
        int o = offset;
        System.arraycopy(ALL_NODES_MAC, 0, out, o, 6);
        System.arraycopy(sourceMac, 0, out, o + 6, 6);
        putU16(out, o + ETHERTYPE_OFFSET, ETHERTYPE_IPV6);
        int ip = o + ETHERNET_HEADER_LENGTH;
        putU32(out, ip, 0x6L << 28);
        putU16(out, ip + IPV6_PAYLOAD_LENGTH_OFFSET, 32);
        out[ip + IPV6_NEXT_HEADER_OFFSET] = (byte) PROTOCOL_ICMPV6;
        out[ip + IPV6_HOP_LIMIT_OFFSET] = (byte) 255;
        System.arraycopy(vip, 0, out, ip + IPV6_SOURCE_OFFSET, 16);
        System.arraycopy(ALL_NODES_IPV6, 0, out, ip + IPV6_DESTINATION_OFFSET, 16);
        int icmp = ip + IPV6_HEADER_LENGTH;
        out[icmp] = (byte) ICMPV6_NEIGHBOUR_ADVERTISEMENT;
        out[icmp + 1] = 0;
        putU16(out, icmp + 2, 0);
        putU32(out, icmp + 4, (long) (NA_FLAG_OVERRIDE | (router ? NA_FLAG_ROUTER : 0)) << 24);
        System.arraycopy(vip, 0, out, icmp + 8, 16);
        out[icmp + 24] = OPTION_TARGET_LINK_LAYER_ADDRESS;
        out[icmp + 25] = 1;
        System.arraycopy(sourceMac, 0, out, icmp + 26, 6);
        int sum = InetChecksum.add(0, out, ip + IPV6_SOURCE_OFFSET, 32);
        sum = InetChecksum.addWord(sum, 32);
        sum = InetChecksum.addWord(sum, PROTOCOL_ICMPV6);
        putU16(out, icmp + 2, InetChecksum.finish(InetChecksum.add(sum, out, icmp, 32)));
        return NA_LENGTH;
    }

    private static void requireLength(byte[] value, int length, String what) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
    }
}
