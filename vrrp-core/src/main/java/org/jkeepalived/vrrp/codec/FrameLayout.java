package org.jkeepalived.vrrp.codec;

/**
 * Offsets and constants of the frames the codec reads and writes. Offsets are relative to the
 * start of their own header.
 */
public final class FrameLayout {

    private FrameLayout() {
    }

    public static final int ETHERNET_HEADER_LENGTH = 14;
    public static final int ETHERTYPE_OFFSET = 12;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_VLAN = 0x8100;
    /** Shortest Ethernet frame without FCS; shorter payloads are padded up to it on the wire. */
    public static final int ETHERNET_MIN_FRAME = 60;
    /** The same with the 4-byte FCS some captures keep. */
    public static final int ETHERNET_MIN_FRAME_WITH_FCS = 64;

    public static final int IPV4_HEADER_LENGTH = 20;
    public static final int IPV4_TOS_OFFSET = 1;
    public static final int IPV4_TOTAL_LENGTH_OFFSET = 2;
    public static final int IPV4_ID_OFFSET = 4;
    public static final int IPV4_FRAGMENT_OFFSET = 6;
    public static final int IPV4_TTL_OFFSET = 8;
    public static final int IPV4_PROTOCOL_OFFSET = 9;
    public static final int IPV4_CHECKSUM_OFFSET = 10;
    public static final int IPV4_SOURCE_OFFSET = 12;
    public static final int IPV4_DESTINATION_OFFSET = 16;

    public static final int IPV6_HEADER_LENGTH = 40;
    public static final int IPV6_PAYLOAD_LENGTH_OFFSET = 4;
    public static final int IPV6_NEXT_HEADER_OFFSET = 6;
    public static final int IPV6_HOP_LIMIT_OFFSET = 7;
    public static final int IPV6_SOURCE_OFFSET = 8;
    public static final int IPV6_DESTINATION_OFFSET = 24;

    public static final int PROTOCOL_VRRP = 112;
    public static final int PROTOCOL_AH = 51;
    public static final int PROTOCOL_ICMPV6 = 58;

    /** keepalived's AH header: next header, payload length 4, reserved, SPI, sequence, 12-byte ICV. */
    public static final int AH_LENGTH = 24;
    public static final int AH_PAYLOAD_LENGTH_WORDS = 4;
    public static final int AH_SPI_OFFSET = 4;
    public static final int AH_SEQUENCE_OFFSET = 8;
    public static final int AH_ICV_OFFSET = 12;
    public static final int AH_ICV_LENGTH = 12;

    /** Fixed VRRP header (version/type … checksum). */
    public static final int VRRP_HEADER_LENGTH = 8;
    public static final int VRRP_VRID_OFFSET = 1;
    public static final int VRRP_PRIORITY_OFFSET = 2;
    public static final int VRRP_COUNT_OFFSET = 3;
    /** v2: auth type; v3: 4-bit reserved + high bits of the interval. */
    public static final int VRRP_AUTH_TYPE_OFFSET = 4;
    public static final int VRRP_V2_INTERVAL_OFFSET = 5;
    public static final int VRRP_CHECKSUM_OFFSET = 6;
    public static final int VRRP_ADDRESSES_OFFSET = 8;
    public static final int VRRP_V2_AUTH_DATA_LENGTH = 8;
    public static final int VRRP_TYPE_ADVERTISEMENT = 1;
    /** The largest v3 interval, in centiseconds (12 bits). */
    public static final int VRRP_V3_MAX_INTERVAL_CENTIS = 4095;
    /** A CARP header: 8 fixed bytes, 8-byte counter, 20-byte SHA-1 HMAC. */
    public static final int CARP_LENGTH = 36;

    public static final int TTL_VRRP = 255;
    public static final int TOS_VRRP = 0xc0;

    /** 224.0.0.18. */
    static final byte[] VRRP_GROUP_IPV4 = {(byte) 224, 0, 0, 18};
    /** ff02::12. */
    static final byte[] VRRP_GROUP_IPV6 = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12};
    /** 01:00:5e:00:00:12. */
    static final byte[] VRRP_MAC_IPV4 = {1, 0, 0x5e, 0, 0, 0x12};
    /** 33:33:00:00:00:12. */
    static final byte[] VRRP_MAC_IPV6 = {0x33, 0x33, 0, 0, 0, 0x12};
    /** ff02::1. */
    static final byte[] ALL_NODES_IPV6 = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    /** 33:33:00:00:00:01. */
    static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 8) | (b[offset + 1] & 0xff);
    }

    static void putU16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }

    static long u32(byte[] b, int offset) {
        return ((long) u16(b, offset) << 16) | u16(b, offset + 2);
    }

    static void putU32(byte[] b, int offset, long value) {
        putU16(b, offset, (int) (value >>> 16));
        putU16(b, offset + 2, (int) value);
    }
}
