package org.jkeepalived.vrrp.codec;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Everything about an instance's adverts that does not change from one advert to the next.
 *
 * @param family           IPv4 or IPv6
 * @param version          2 or 3 (v2 over IPv6 is refused, as keepalived forces v3 there)
 * @param vrid             1..255
 * @param authType         v2 only; {@link AuthType#NONE} for v3
 * @param authPassword     PASS / AH password (first 8 bytes used, NUL-padded); empty for NONE
 * @param virtualAddresses the addresses carried in the advert, in configuration order (≤ 255)
 * @param sourceMac        6-byte Ethernet source (interface MAC or VMAC)
 * @param sourceAddress    IP source: {@code mcast_src_ip}/{@code unicast_src_ip}, or the primary address
 * @param ttl              IPv4 TTL / IPv6 hop limit: 255, or {@code unicast_ttl}
 * @param v3Checksum       v3 over IPv4: {@link ChecksumForm#PSEUDO_HEADER} (default),
 *                         {@link ChecksumForm#MESSAGE_ONLY} ({@code v3_checksum_as_v2}) or
 *                         {@link ChecksumForm#OLD_UNICAST} ({@code old_unicast_checksum})
 */
public record AdvertTemplate(IpFamily family, int version, int vrid, AuthType authType, byte[] authPassword,
                             List<InetAddress> virtualAddresses, byte[] sourceMac, InetAddress sourceAddress,
                             int ttl, ChecksumForm v3Checksum) {

    public AdvertTemplate {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(sourceMac, "sourceMac");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        authPassword = authPassword == null ? new byte[0] : authPassword.clone();
        virtualAddresses = List.copyOf(virtualAddresses);
        sourceMac = sourceMac.clone();
        v3Checksum = v3Checksum == null ? ChecksumForm.PSEUDO_HEADER : v3Checksum;
        require(version == 2 || version == 3, "version must be 2 or 3");
        require(!(version == 2 && family == IpFamily.IPV6), "VRRPv2 is IPv4 only");
        require(version == 2 || authType == AuthType.NONE, "VRRPv3 has no authentication");
        require(vrid >= 1 && vrid <= 255, "vrid must be 1..255");
        require(virtualAddresses.size() <= 255, "at most 255 virtual addresses");
        require(sourceMac.length == 6, "source MAC must be 6 bytes");
        require(sourceAddress.getAddress().length == family.addressLength(), "source address family");
        require(ttl >= 1 && ttl <= 255, "ttl must be 1..255");
        for (InetAddress address : virtualAddresses) {
            require(address.getAddress().length == family.addressLength(), "virtual address family: " + address);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Length of the VRRP message (header, addresses, v2 auth data). */
    public int vrrpLength() {
        return FrameLayout.VRRP_HEADER_LENGTH + virtualAddresses.size() * family.addressLength()
                + (version == 2 ? FrameLayout.VRRP_V2_AUTH_DATA_LENGTH : 0);
    }
}
