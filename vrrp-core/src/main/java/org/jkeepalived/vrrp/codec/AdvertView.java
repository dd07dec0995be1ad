package org.jkeepalived.vrrp.codec;

import static org.jkeepalived.vrrp.codec.FrameLayout.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A reusable, allocation-free view of a received VRRP advert (RFC 3768 §5.1, RFC 5798 §5.1):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Type  | Virtual Rtr ID|   Priority    |Count IPvX Addr|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | v2: Auth Type | v2: Adver Int |          Checksum             |
 * | v3: (rsvd)| Max Adver Int(cs) |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  IPvX Address(es) (Count × 4 or 16)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        v2 only: Authentication Data (8 bytes)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #wrapFrame} / {@link #wrapIp} point the view at a buffer and run the packet-level
 * checks (FRR's split: length, TTL on multicast, version, type, auth type, checksum, CARP); they
 * never throw for bad input and return an {@link AdvertCheck}. The accessors are meaningful only
 * after {@link AdvertCheck#VALID}. The buffer is not copied: it must stay unchanged while the view
 * is used. Not thread-safe; one view per receiving thread.
 */
public final class AdvertView {

    private byte[] buffer;
    private int ipOffset;
    private int vrrpOffset;
    private int vrrpLength;
    private int ahOffset;
    private IpFamily family;
    private ChecksumForm checksumForm;

    /** Checks a whole Ethernet frame (an 802.1Q tag is skipped); see the class comment. */
    public AdvertCheck wrapFrame(byte[] frame, int offset, int length) {
        reset(frame);
        if (length < ETHERNET_HEADER_LENGTH || offset < 0 || offset + length > frame.length) {
            return AdvertCheck.MALFORMED_IP;
        }
        int header = ETHERNET_HEADER_LENGTH;
        int ethertype = u16(frame, offset + ETHERTYPE_OFFSET);
        if (ethertype == ETHERTYPE_VLAN && length >= header + 4) {
            ethertype = u16(frame, offset + ETHERTYPE_OFFSET + 4);
            header += 4;
        }
        boolean paddingAllowed = length <= ETHERNET_MIN_FRAME_WITH_FCS;
        return wrapIp(ethertype, frame, offset + header, length - header, paddingAllowed);
    }

    /**
     * Checks a packet that starts at the IPv4 or IPv6 header (as a raw socket delivers it).
     * Trailing bytes are tolerated only when the packet would have been padded to Ethernet's
     * minimum frame.
     */
    public AdvertCheck wrapIp(byte[] packet, int offset, int length) {
        reset(packet);
        if (length < 1 || offset < 0 || offset + length > packet.length) {
            return AdvertCheck.MALFORMED_IP;
        }
        int ethertype = (packet[offset] & 0xf0) == 0x60 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
        boolean paddingAllowed = length + ETHERNET_HEADER_LENGTH <= ETHERNET_MIN_FRAME_WITH_FCS;
        return wrapIp(ethertype, packet, offset, length, paddingAllowed);
    }

    private void reset(byte[] newBuffer) {
        buffer = newBuffer;
        ahOffset = -1;
        family = null;
        checksumForm = null;
    }

    private AdvertCheck wrapIp(int ethertype, byte[] b, int ip, int length, boolean paddingAllowed) {
        ipOffset = ip;
        if (ethertype == ETHERTYPE_IPV4) {
            return wrapIpv4(b, ip, length, paddingAllowed);
        }
        if (ethertype == ETHERTYPE_IPV6) {
            return wrapIpv6(b, ip, length, paddingAllowed);
        }
        return AdvertCheck.MALFORMED_IP;
    }

    private AdvertCheck wrapIpv4(byte[] b, int ip, int length, boolean paddingAllowed) {
        family = IpFamily.IPV4;
        if (length < IPV4_HEADER_LENGTH || (b[ip] & 0xf0) != 0x40) {
            return AdvertCheck.MALFORMED_IP;
        }
        int headerLength = (b[ip] & 0x0f) * 4;
        int totalLength = u16(b, ip + IPV4_TOTAL_LENGTH_OFFSET);
        if (headerLength < IPV4_HEADER_LENGTH || headerLength > length
                || InetChecksum.of(b, ip, headerLength) != 0
                || (u16(b, ip + IPV4_FRAGMENT_OFFSET) & 0x3fff) != 0) {
            return AdvertCheck.MALFORMED_IP;
        }
        if (totalLength > length || totalLength < headerLength || (totalLength < length && !paddingAllowed)) {
            return AdvertCheck.PACKET_LENGTH;
        }
        int protocol = b[ip + IPV4_PROTOCOL_OFFSET] & 0xff;
        int payload = ip + headerLength;
        if (protocol == PROTOCOL_AH) {
            if (totalLength - headerLength < AH_LENGTH) {
                return AdvertCheck.PACKET_LENGTH;
            }
            if ((b[payload] & 0xff) != PROTOCOL_VRRP || (b[payload + 1] & 0xff) != AH_PAYLOAD_LENGTH_WORDS) {
                return AdvertCheck.MALFORMED_IP;
            }
            ahOffset = payload;
            payload += AH_LENGTH;
        } else if (protocol != PROTOCOL_VRRP) {
            return AdvertCheck.MALFORMED_IP;
        }
        vrrpOffset = payload;
        vrrpLength = ip + totalLength - payload;
        return checkVrrp();
    }

    private AdvertCheck wrapIpv6(byte[] b, int ip, int length, boolean paddingAllowed) {
        family = IpFamily.IPV6;
        if (length < IPV6_HEADER_LENGTH || (b[ip] & 0xf0) != 0x60
                || (b[ip + IPV6_NEXT_HEADER_OFFSET] & 0xff) != PROTOCOL_VRRP) {
            return AdvertCheck.MALFORMED_IP;
        }
        int payloadLength = u16(b, ip + IPV6_PAYLOAD_LENGTH_OFFSET);
        int available = length - IPV6_HEADER_LENGTH;
        if (payloadLength > available || (payloadLength < available && !paddingAllowed)) {
            return AdvertCheck.PACKET_LENGTH;
        }
        vrrpOffset = ip + IPV6_HEADER_LENGTH;
        vrrpLength = payloadLength;
        return checkVrrp();
    }

    private AdvertCheck checkVrrp() {
        byte[] b = buffer;
        int v = vrrpOffset;
        if (vrrpLength < VRRP_HEADER_LENGTH) {
            return AdvertCheck.PACKET_LENGTH;
        }
        int version = version();
        int count = addressCount();
        int expected;
        if (version == 2 && family == IpFamily.IPV4) {
            expected = VRRP_HEADER_LENGTH + count * 4 + VRRP_V2_AUTH_DATA_LENGTH;
        } else if (version == 3) {
            expected = VRRP_HEADER_LENGTH + count * family.addressLength();
        } else {
            return AdvertCheck.VERSION;
        }
        if (vrrpLength != expected) {
            boolean carp = version == 2 && ahOffset < 0 && vrrpLength == CARP_LENGTH;
            return carp ? AdvertCheck.CARP : AdvertCheck.PACKET_LENGTH;
        }
        if (destinationIsMulticast() && ttl() != TTL_VRRP) {
            return AdvertCheck.TTL;
        }
        if ((b[v] & 0x0f) != VRRP_TYPE_ADVERTISEMENT) {
            return AdvertCheck.INVALID_TYPE;
        }
        if (version == 2 && AuthType.fromWire(b[v + VRRP_AUTH_TYPE_OFFSET] & 0xff) == null) {
            return AdvertCheck.INVALID_AUTH_TYPE;
        }
        checksumForm = findChecksumForm(version);
        return checksumForm == null ? AdvertCheck.CHECKSUM : AdvertCheck.VALID;
    }

    private ChecksumForm findChecksumForm(int version) {
        byte[] b = buffer;
        int messageSum = InetChecksum.add(0, b, vrrpOffset, vrrpLength);
        if (version == 2) {
            return InetChecksum.finish(messageSum) == 0 ? ChecksumForm.V2_MESSAGE : null;
        }
        int addressLength = family.addressLength();
        int source = ipOffset + (family == IpFamily.IPV4 ? IPV4_SOURCE_OFFSET : IPV6_SOURCE_OFFSET);
        int destination = source + addressLength;
        int pseudo = InetChecksum.add(messageSum, b, source, addressLength);
        pseudo = InetChecksum.addWord(pseudo, PROTOCOL_VRRP);
        pseudo = InetChecksum.addWord(pseudo, vrrpLength);
        if (InetChecksum.finish(InetChecksum.add(pseudo, b, destination, addressLength)) == 0) {
            return ChecksumForm.PSEUDO_HEADER;
        }
        if (family == IpFamily.IPV6) {
            return null;
        }
        if (!destinationIsMulticast()
                && InetChecksum.finish(InetChecksum.add(pseudo, VRRP_GROUP_IPV4, 0, 4)) == 0) {
            return ChecksumForm.OLD_UNICAST;
        }
        return InetChecksum.finish(messageSum) == 0 ? ChecksumForm.MESSAGE_ONLY : null;
    }

    /** IPv4 or IPv6. */
    public IpFamily family() {
        return family;
    }

    /** The IPv4 TTL or IPv6 hop limit. */
    public int ttl() {
        return buffer[ipOffset + (family == IpFamily.IPV4 ? IPV4_TTL_OFFSET : IPV6_HOP_LIMIT_OFFSET)] & 0xff;
    }

    /** True when the destination is a multicast address (224/4 or ff00::/8). */
    public boolean destinationIsMulticast() {
        int first = buffer[destinationOffset()] & 0xff;
        return family == IpFamily.IPV4 ? (first & 0xf0) == 0xe0 : first == 0xff;
    }

    /** The IP destination address, compared without allocating. */
    public boolean destinationAddressEquals(byte[] address) {
        return address.length == family.addressLength() && Arrays.equals(buffer, destinationOffset(),
                destinationOffset() + address.length, address, 0, address.length);
    }

    /** The IP source address, compared without allocating. */
    public boolean sourceAddressEquals(byte[] address) {
        return address.length == family.addressLength()
                && Arrays.equals(buffer, sourceOffset(), sourceOffset() + address.length, address, 0, address.length);
    }

    /**
     * Compares the source address with {@code address} as unsigned big-endian numbers (the RFC's
     * "primary IP address is higher"): negative, zero or positive.
     */
    public int compareSourceAddress(byte[] address) {
        int length = family.addressLength();
        return Arrays.compareUnsigned(buffer, sourceOffset(), sourceOffset() + length, address, 0, address.length);
    }

    /** Copies the source address into {@code target} at {@code offset}. */
    public void copySourceAddress(byte[] target, int offset) {
        System.arraycopy(buffer, sourceOffset(), target, offset, family.addressLength());
    }

    /** The source address as an object; allocates, so for logging and slow paths only. */
    public InetAddress sourceAddress() {
        return toAddress(sourceOffset());
    }

    /** 2 or 3. */
    public int version() {
        return (buffer[vrrpOffset] & 0xff) >>> 4;
    }

    public int vrid() {
        return buffer[vrrpOffset + VRRP_VRID_OFFSET] & 0xff;
    }

    public int priority() {
        return buffer[vrrpOffset + VRRP_PRIORITY_OFFSET] & 0xff;
    }

    public int addressCount() {
        return buffer[vrrpOffset + VRRP_COUNT_OFFSET] & 0xff;
    }

    /** v2 auth type (0, 1, 2); always {@link AuthType#NONE} for v3. */
    public AuthType authType() {
        return version() == 2 ? AuthType.fromWire(buffer[vrrpOffset + VRRP_AUTH_TYPE_OFFSET] & 0xff) : AuthType.NONE;
    }

    /** The advert interval as sent: seconds for v2, centiseconds for v3. */
    public int advertIntervalRaw() {
        return version() == 2
                ? buffer[vrrpOffset + VRRP_V2_INTERVAL_OFFSET] & 0xff
                : u16(buffer, vrrpOffset + VRRP_AUTH_TYPE_OFFSET) & 0x0fff;
    }

    /** The advert interval in centiseconds (v2 seconds × 100). */
    public int advertIntervalCentis() {
        return version() == 2 ? advertIntervalRaw() * 100 : advertIntervalRaw();
    }

    /** Which checksum form matched. */
    public ChecksumForm checksumForm() {
        return checksumForm;
    }

    /** True when virtual address {@code index} equals {@code address}. */
    public boolean addressEquals(int index, byte[] address) {
        int length = family.addressLength();
        int at = vrrpOffset + VRRP_ADDRESSES_OFFSET + index * length;
        return address.length == length && Arrays.equals(buffer, at, at + length, address, 0, length);
    }

    /** Virtual address {@code index} as an object; allocates, for logging only. */
    public InetAddress address(int index) {
        return toAddress(vrrpOffset + VRRP_ADDRESSES_OFFSET + index * family.addressLength());
    }

    /** v2 PASS: the 8 auth bytes equal {@code key} NUL-padded (or cut) to 8 bytes, in constant time. */
    public boolean authDataMatches(byte[] key) {
        int at = vrrpOffset + vrrpLength - VRRP_V2_AUTH_DATA_LENGTH;
        int difference = 0;
        for (int i = 0; i < VRRP_V2_AUTH_DATA_LENGTH; i++) {
            difference |= buffer[at + i] ^ (i < key.length ? key[i] : 0);
        }
        return difference == 0;
    }

    /** True when an IPsec AH header precedes VRRP. */
    public boolean hasAh() {
        return ahOffset >= 0;
    }

    /** The AH sequence number (unsigned 32 bits); only when {@link #hasAh()}. */
    public long ahSequence() {
        return u32(buffer, ahOffset + AH_SEQUENCE_OFFSET);
    }

    byte[] buffer() {
        return buffer;
    }

    int ipOffset() {
        return ipOffset;
    }

    int ahOffset() {
        return ahOffset;
    }

    /** Bytes from the IP header to the end of VRRP (excludes padding). */
    int ipPacketLength() {
        return vrrpOffset + vrrpLength - ipOffset;
    }

    private int sourceOffset() {
        return ipOffset + (family == IpFamily.IPV4 ? IPV4_SOURCE_OFFSET : IPV6_SOURCE_OFFSET);
    }

    private int destinationOffset() {
        return sourceOffset() + family.addressLength();
    }

    private InetAddress toAddress(int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(buffer, offset, offset + family.addressLength()));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
