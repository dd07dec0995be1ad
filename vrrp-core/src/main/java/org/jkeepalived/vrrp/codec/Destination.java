package org.jkeepalived.vrrp.codec;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where one advert goes: the Ethernet destination and the IP destination, as raw bytes so that
 * encoding does not allocate. Build these once (multicast, or one per resolved unicast peer).
 *
 * @param mac     6-byte destination MAC
 * @param address 4 or 16-byte destination IP address
 */
public record Destination(byte[] mac, byte[] address) {

    public Destination {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(address, "address");
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC must be 6 bytes, got " + mac.length);
        }
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes, got " + address.length);
        }
        mac = mac.clone();
        address = address.clone();
    }

    /** 224.0.0.18 / 01:00:5e:00:00:12, or ff02::12 / 33:33:00:00:00:12. */
    public static Destination multicast(IpFamily family) {
        return family == IpFamily.IPV4
                ? new Destination(FrameLayout.VRRP_MAC_IPV4, FrameLayout.VRRP_GROUP_IPV4)
                : new Destination(FrameLayout.VRRP_MAC_IPV6, FrameLayout.VRRP_GROUP_IPV6);
    }

    /**
     * A configured group ({@code vrrp_mcast_group4/6}, {@code mcast_dst_address}) and its
     * Ethernet multicast MAC: 01:00:5e + the low 23 bits (IPv4, RFC 1112), 33:33 + the low 32
     * bits (IPv6, RFC 2464).
     */
    public static Destination multicastGroup(InetAddress group) {
        byte[] a = group.getAddress();
        byte[] mac = a.length == 4
                ? new byte[] {1, 0, 0x5e, (byte) (a[1] & 0x7f), a[2], a[3]}
                : new byte[] {0x33, 0x33, a[12], a[13], a[14], a[15]};
        return new Destination(mac, a);
    }

    /** A unicast peer reached through {@code mac} (its own or its gateway's). */
    public static Destination unicast(byte[] mac, InetAddress peer) {
        return new Destination(mac, peer.getAddress());
    }

    /** True for a multicast IP destination. */
    public boolean isMulticast() {
        return address.length == 4 ? (address[0] & 0xf0) == 0xe0 : (address[0] & 0xff) == 0xff;
    }
}
