package org.jkeepalived.vrrp.codec;

import static org.jkeepalived.vrrp.codec.FrameLayout.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Builds whole Ethernet frames for one instance's adverts, byte-for-byte as keepalived 2.2.7
 * sends them: IPv4 TOS 0xc0, DF clear, the caller's IP id (keepalived: a per-instance counter
 * 1, 2, 3 …, skipping 0), header checksum computed, protocol 112 (51 with AH); IPv6 traffic class
 * 0xc0 and flow label 0 (the kernel would pick one; we send whole frames); VRRP checksum as
 * {@link AdvertTemplate#v3Checksum()} says (always over the IPv6 pseudo-header for IPv6).
 *
 * <p>The fixed bytes are laid out once; {@link #encode} only patches priority, interval,
 * destination, id and checksums, and allocates nothing. Not thread-safe.
 */
public final class AdvertEncoder {

    private final AdvertTemplate template;
    private final byte[] frame;
    private final ByteBuffer frameBuffer;
    private final int ipOffset = ETHERNET_HEADER_LENGTH;
    private final int vrrpOffset;
    private final int ipPacketLength;
    private final int vrrpLength;
    private final AhAuthenticator ah;
    private ChecksumForm v3Checksum;

    public AdvertEncoder(AdvertTemplate template) {
        this.template = template;
        boolean ipv4 = template.family() == IpFamily.IPV4;
        boolean withAh = template.authType() == AuthType.AH;
        int ipHeader = ipv4 ? IPV4_HEADER_LENGTH : IPV6_HEADER_LENGTH;
        vrrpLength = template.vrrpLength();
        vrrpOffset = ipOffset + ipHeader + (withAh ? AH_LENGTH : 0);
        ipPacketLength = vrrpOffset + vrrpLength - ipOffset;
        frame = new byte[ipOffset + ipPacketLength];
        frameBuffer = ByteBuffer.wrap(frame);
        ah = withAh ? new AhAuthenticator(template.authPassword()) : null;
        v3Checksum = template.v3Checksum();
        layOutFixedBytes(ipv4, withAh);
    }

    private void layOutFixedBytes(boolean ipv4, boolean withAh) {
        byte[] source = template.sourceAddress().getAddress();
        System.arraycopy(template.sourceMac(), 0, frame, 6, 6);
        putU16(frame, ETHERTYPE_OFFSET, ipv4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6);
        int ip = ipOffset;
        if (ipv4) {
            frame[ip] = 0x45;
            frame[ip + IPV4_TOS_OFFSET] = (byte) TOS_VRRP;
            putU16(frame, ip + IPV4_TOTAL_LENGTH_OFFSET, ipPacketLength);
            frame[ip + IPV4_TTL_OFFSET] = (byte) template.ttl();
            frame[ip + IPV4_PROTOCOL_OFFSET] = (byte) (withAh ? PROTOCOL_AH : PROTOCOL_VRRP);
            System.arraycopy(source, 0, frame, ip + IPV4_SOURCE_OFFSET, 4);
        } else {
            putU32(frame, ip, 0x6L << 28 | (long) TOS_VRRP << 20);
            putU16(frame, ip + IPV6_PAYLOAD_LENGTH_OFFSET, vrrpLength);
            frame[ip + IPV6_NEXT_HEADER_OFFSET] = (byte) PROTOCOL_VRRP;
            frame[ip + IPV6_HOP_LIMIT_OFFSET] = (byte) template.ttl();
            System.arraycopy(source, 0, frame, ip + IPV6_SOURCE_OFFSET, 16);
        }
        if (withAh) {
            int a = ip + IPV4_HEADER_LENGTH;
            frame[a] = (byte) PROTOCOL_VRRP;
            frame[a + 1] = (byte) AH_PAYLOAD_LENGTH_WORDS;
            System.arraycopy(source, 0, frame, a + AH_SPI_OFFSET, 4);
        }
        int v = vrrpOffset;
        frame[v] = (byte) (template.version() << 4 | VRRP_TYPE_ADVERTISEMENT);
        frame[v + VRRP_VRID_OFFSET] = (byte) template.vrid();
        frame[v + VRRP_COUNT_OFFSET] = (byte) template.virtualAddresses().size();
        if (template.version() == 2) {
            frame[v + VRRP_AUTH_TYPE_OFFSET] = (byte) template.authType().wireValue();
        }
        int at = v + VRRP_ADDRESSES_OFFSET;
        for (InetAddress address : template.virtualAddresses()) {
            byte[] raw = address.getAddress();
            System.arraycopy(raw, 0, frame, at, raw.length);
            at += raw.length;
        }
        if (template.authType() == AuthType.PASS) {
            byte[] password = template.authPassword();
            System.arraycopy(password, 0, frame, at, Math.min(password.length, VRRP_V2_AUTH_DATA_LENGTH));
        }
    }

    /** The template this encoder was built from. */
    public AdvertTemplate template() {
        return template;
    }

    /**
     * Switches the v3-over-IPv4 checksum form from now on (keepalived moves a unicast instance to
     * the old form when its peer uses it). Ignored for v2 and IPv6.
     */
    public void setV3ChecksumForm(ChecksumForm form) {
        if (form == ChecksumForm.V2_MESSAGE) {
            throw new IllegalArgumentException("not a VRRPv3 checksum form: " + form);
        }
        v3Checksum = form;
    }

    /** Length in bytes of every frame this encoder produces. */
    public int frameLength() {
        return frame.length;
    }

    /**
     * Encodes one advert into the encoder's own buffer and returns it (position 0, limit = frame
     * length). The buffer is overwritten by the next call.
     *
     * @param priority       0..255
     * @param advertInterval v2: seconds 1..255; v3: centiseconds 1..4095
     * @param ipId           IPv4 identification (ignored for IPv6)
     * @param ahSequence     AH sequence number (ignored without AH)
     * @param to             destination MAC and address
     */
    public ByteBuffer encode(int priority, int advertInterval, int ipId, long ahSequence, Destination to) {
        fill(priority, advertInterval, ipId, ahSequence, to);
        frameBuffer.limit(frame.length).position(0);
        return frameBuffer;
    }

    /** As {@link #encode}, copying the frame into {@code out} at {@code offset}; returns its length. */
    public int encodeInto(byte[] out, int offset, int priority, int advertInterval, int ipId, long ahSequence,
                          Destination to) {
        fill(priority, advertInterval, ipId, ahSequence, to);
        System.arraycopy(frame, 0, out, offset, frame.length);
        return frame.length;
    }

    private void fill(int priority, int advertInterval, int ipId, long ahSequence, Destination to) {
        checkArguments(priority, advertInterval, to);
        System.arraycopy(to.mac(), 0, frame, 0, 6);
        int v = vrrpOffset;
        frame[v + VRRP_PRIORITY_OFFSET] = (byte) priority;
        if (template.version() == 2) {
            frame[v + VRRP_V2_INTERVAL_OFFSET] = (byte) advertInterval;
        } else {
            putU16(frame, v + VRRP_AUTH_TYPE_OFFSET, advertInterval);
        }
        frame[v + VRRP_CHECKSUM_OFFSET] = 0;
        frame[v + VRRP_CHECKSUM_OFFSET + 1] = 0;
        if (template.family() == IpFamily.IPV4) {
            fillIpv4(ipId, ahSequence, to);
        } else {
            System.arraycopy(to.address(), 0, frame, ipOffset + IPV6_DESTINATION_OFFSET, 16);
            putU16(frame, v + VRRP_CHECKSUM_OFFSET, pseudoHeaderChecksum(
                    ipOffset + IPV6_SOURCE_OFFSET, to.address(), 16));
        }
    }

    private void fillIpv4(int ipId, long ahSequence, Destination to) {
        int ip = ipOffset;
        int v = vrrpOffset;
        System.arraycopy(to.address(), 0, frame, ip + IPV4_DESTINATION_OFFSET, 4);
        putU16(frame, ip + IPV4_ID_OFFSET, ipId);
        int checksum;
        if (template.version() == 2 || v3Checksum == ChecksumForm.MESSAGE_ONLY) {
            checksum = InetChecksum.of(frame, v, vrrpLength);
        } else {
            byte[] pseudoDestination = v3Checksum == ChecksumForm.OLD_UNICAST && !to.isMulticast()
                    ? VRRP_GROUP_IPV4 : to.address();
            checksum = pseudoHeaderChecksum(ip + IPV4_SOURCE_OFFSET, pseudoDestination, 4);
        }
        putU16(frame, v + VRRP_CHECKSUM_OFFSET, checksum);
        frame[ip + IPV4_CHECKSUM_OFFSET] = 0;
        frame[ip + IPV4_CHECKSUM_OFFSET + 1] = 0;
        putU16(frame, ip + IPV4_CHECKSUM_OFFSET, InetChecksum.of(frame, ip, IPV4_HEADER_LENGTH));
        if (ah != null) {
            int a = ip + IPV4_HEADER_LENGTH;
            putU32(frame, a + AH_SEQUENCE_OFFSET, ahSequence);
            ah.computeIcv(frame, ip, ipPacketLength, !to.isMulticast(), frame, a + AH_ICV_OFFSET);
        }
    }

    private int pseudoHeaderChecksum(int sourceOffset, byte[] destination, int addressLength) {
        int sum = InetChecksum.add(0, frame, sourceOffset, addressLength);
        sum = InetChecksum.add(sum, destination, 0, addressLength);
        sum = InetChecksum.addWord(sum, PROTOCOL_VRRP);
        sum = InetChecksum.addWord(sum, vrrpLength);
        return InetChecksum.finish(InetChecksum.add(sum, frame, vrrpOffset, vrrpLength));
    }

    private void checkArguments(int priority, int advertInterval, Destination to) {
        int maxInterval = template.version() == 2 ? 255 : VRRP_V3_MAX_INTERVAL_CENTIS;
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority must be 0..255, got " + priority);
        }
        if (advertInterval < 1 || advertInterval > maxInterval) {
            throw new IllegalArgumentException("advert interval must be 1.." + maxInterval + ", got " + advertInterval);
        }
        if (to.address().length != template.family().addressLength()) {
            throw new IllegalArgumentException("destination family differs from the template's");
        }
    }
}
