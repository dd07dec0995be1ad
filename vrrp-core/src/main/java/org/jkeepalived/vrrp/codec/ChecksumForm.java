package org.jkeepalived.vrrp.codec;

/**
 * How a VRRP checksum was (or is to be) computed. VRRPv2 and RFC 9568's message-only form cover
 * the VRRP message alone; VRRPv3 covers a pseudo-header as well.
 */
public enum ChecksumForm {
    /** VRRPv2: over the VRRP header, addresses and auth data. */
    V2_MESSAGE,
    /** VRRPv3 (RFC 5798 §5.2.8): IPv4 or IPv6 pseudo-header with the real destination, then VRRP. */
    PSEUDO_HEADER,
    /**
     * VRRPv3 over the message only, without a pseudo-header: keepalived's {@code v3_checksum_as_v2}
     * and the form RFC 9568 says receivers may accept from older implementations.
     */
    MESSAGE_ONLY,
    /**
     * VRRPv3 unicast with 224.0.0.18 in the pseudo-header instead of the peer's address: what
     * keepalived before 2.0.x sent ({@code old_unicast_checksum}).
     */
    OLD_UNICAST
}
