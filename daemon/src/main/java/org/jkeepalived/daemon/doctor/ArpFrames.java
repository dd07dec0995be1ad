package org.jkeepalived.daemon.doctor;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * ARP request and reply frames (RFC 826 over Ethernet): the probe the doctor sends, "who has VIP,
 * tell SENDER" to broadcast, and the sender of a reply. Pure; thread-safe.
 *
 * <pre>
 * Ethernet: dst(6) src(6) type 0x0806
 * ARP:      htype 1 (2) | ptype 0x0800 (2) | hlen 6 | plen 4 | oper (2) |
 *           sha (6) | spa (4) | tha (6) | tpa (4)
 * </pre>
 */
final class ArpFrames {
    private static final int ETHERNET_MIN = 60;
    private static final int ARP_OFFSET = 14;
    private static final int OPER_OFFSET = ARP_OFFSET + 6;
    private static final int SHA_OFFSET = ARP_OFFSET + 8;
    private static final int SPA_OFFSET = ARP_OFFSET + 14;
    private static final int TPA_OFFSET = ARP_OFFSET + 24;
    private static final int REPLY = 2;

    /** The sender of an ARP reply. */
    record Reply(InetAddress address, byte[] mac) {
    }

    private ArpFrames() {
    }

    /**
     * A broadcast "who has {@code target}" from {@code mac}, telling {@code sender} (0.0.0.0, an
     * RFC 5227 probe, when null), padded to Ethernet's minimum.
     */
    static byte[] request(byte[] mac, InetAddress sender, InetAddress target) {
        if (!(target instanceof Inet4Address) || mac.length != 6) {
            throw new IllegalArgumentException("ARP needs an IPv4 target and a 6-byte MAC");
        }
        byte[] f = new byte[ETHERNET_MIN];
        Arrays.fill(f, 0, 6, (byte) 0xff);
        System.arraycopy(mac, 0, f, 6, 6);
        f[12] = 0x08;
        f[13] = 0x06;
        byte[] header = {0, 1, 0x08, 0, 6, 4, 0, 1};
        System.arraycopy(header, 0, f, ARP_OFFSET, header.length);
        System.arraycopy(mac, 0, f, SHA_OFFSET, 6);
        if (sender instanceof Inet4Address) {
            System.arraycopy(sender.getAddress(), 0, f, SPA_OFFSET, 4);
        }
        System.arraycopy(target.getAddress(), 0, f, TPA_OFFSET, 4);
        return f;
    }

    /** The sender of {@code frame} when it is an Ethernet/IPv4 ARP reply. */
    static Optional<Reply> reply(byte[] frame) {
        if (frame.length < TPA_OFFSET + 4 || frame[12] != 0x08 || frame[13] != 0x06
                || ((frame[OPER_OFFSET] & 0xff) << 8 | (frame[OPER_OFFSET + 1] & 0xff)) != REPLY
                || frame[ARP_OFFSET + 4] != 6 || frame[ARP_OFFSET + 5] != 4) {
            return Optional.empty();
        }
        byte[] mac = Arrays.copyOfRange(frame, SHA_OFFSET, SHA_OFFSET + 6);
        return Optional.of(new Reply(SegmentListener.address(Arrays.copyOfRange(frame, SPA_OFFSET, SPA_OFFSET + 4)), mac));
    }
}
