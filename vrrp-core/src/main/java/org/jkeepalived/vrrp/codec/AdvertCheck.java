package org.jkeepalived.vrrp.codec;

/**
 * The outcome of checking a received advert: {@link #VALID} or the one reason it was rejected.
 * {@link AdvertView#wrapFrame} and {@link AdvertView#wrapIp} return the packet-level reasons;
 * {@code VrrpInstance} adds the instance-dependent ones (marked below). Each reason maps to the
 * keepalived statistics counter it increments, when keepalived has one.
 */
public enum AdvertCheck {
    /** The advert passed every check made so far. */
    VALID(null),
    /** Not an Ethernet/IPv4/IPv6 packet carrying VRRP (or AH + VRRP); bad IPv4 header or header checksum. */
    MALFORMED_IP(null),
    /** Length does not match the headers, address count and auth data (Ethernet padding tolerated). */
    PACKET_LENGTH("packet_len_err"),
    /** TTL / hop limit not 255 on a multicast advert. */
    TTL("ip_ttl_err"),
    /** VRRP version neither 2 nor 3 (or v2 over IPv6). */
    VERSION(null),
    /** VRRP type is not 1 (advertisement). */
    INVALID_TYPE("invalid_type_rcvd"),
    /** VRRP checksum wrong in every accepted form. */
    CHECKSUM("chk_err"),
    /** v2 auth type not 0, 1 or 2. */
    INVALID_AUTH_TYPE("invalid_authtype"),
    /**
     * A CARP / ucarp packet (same protocol, group and first byte as VRRPv2); counted, never logged.
     * keepalived 2.2.7 counts it as a length error (its authlen byte read as an address count
     * never gives the received length; verified in a namespace).
     */
    CARP("packet_len_err"),
    /** Instance: version differs from the instance's. */
    VERSION_MISMATCH(null),
    /** Instance: auth type (or AH presence) differs from the configured one. */
    AUTH_TYPE_MISMATCH("authtype_mismatch"),
    /** Instance: PASS data or AH ICV wrong. */
    AUTH_FAILURE("auth_failure"),
    /**
     * Instance: v2 advert interval differs from ours. keepalived 2.2.7 drops these without
     * counting; we count them under advert_interval_err, the counter it reports (always 0).
     */
    ADVERT_INTERVAL("advert_interval_err"),
    /** Instance: VIP count or addresses differ (keepalived 2.2.7 rejects), or multicast vs unicast mismatch. */
    ADDRESS_LIST("addr_list_err"),
    /** Instance: unicast advert from an address that is not a configured peer. */
    UNICAST_SOURCE(null),
    /** Instance: unicast peer's TTL outside [min_ttl, max_ttl] (counted as ip_ttl_err, as 2.2.7 does). */
    UNICAST_TTL("ip_ttl_err");

    private final String keepalivedStat;

    AdvertCheck(String keepalivedStat) {
        this.keepalivedStat = keepalivedStat;
    }

    /** keepalived's statistics name for this reason ({@code packet_len_err}, …), or {@code null}. */
    public String keepalivedStat() {
        return keepalivedStat;
    }
}
