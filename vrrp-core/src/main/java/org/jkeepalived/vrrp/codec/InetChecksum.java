package org.jkeepalived.vrrp.codec;

/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum.
 * Used for the IPv4 header, VRRP (with or without a pseudo-header) and ICMPv6.
 *
 * <p>Stateless and allocation-free; safe from any thread.
 */
public final class InetChecksum {

    private InetChecksum() {
    }

    /**
     * Adds {@code length} bytes of {@code data} from {@code offset} to a running 32-bit sum, as
     * big-endian 16-bit words (an odd trailing byte is padded with zero).
     */
    public static int add(int sum, byte[] data, int offset, int length) {
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }

    /** Adds one 16-bit value to a running sum. */
    public static int addWord(int sum, int word) {
        sum += word & 0xffff;
        return (sum & 0xffff) + (sum >>> 16);
    }

    /** Folds a running sum into the final checksum value (one's complement, 16 bits). */
    public static int finish(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    /** The checksum of one byte range. */
    public static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }
}
