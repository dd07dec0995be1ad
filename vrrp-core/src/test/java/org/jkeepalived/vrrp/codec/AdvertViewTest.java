package org.jkeepalived.vrrp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.vrrp.codec.KeepalivedVectorTest.MAC_A;
import static org.jkeepalived.vrrp.codec.KeepalivedVectorTest.UNICAST_B;
import static org.jkeepalived.vrrp.codec.KeepalivedVectorTest.ip;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each packet-level rejection reason, and the tolerated variants, on frames we build. */
class AdvertViewTest {

    private final AdvertView view = new AdvertView();

    private static byte[] frame(AdvertTemplate template, int priority, int interval, Destination to) {
        byte[] out = new byte[new AdvertEncoder(template).frameLength()];
        new AdvertEncoder(template).encodeInto(out, 0, priority, interval, 1, 1, to);
        return out;
    }

    private static byte[] v2() {
        return frame(KeepalivedVectorTest.V2_MCAST, 100, 1, Destination.multicast(IpFamily.IPV4));
    }

    private static byte[] v3(ChecksumForm form, Destination to) {
        AdvertTemplate t = new AdvertTemplate(IpFamily.IPV4, 3, 9, AuthType.NONE, null,
                List.of(ip("192.0.2.9")), MAC_A, ip("192.0.2.1"), 255, form);
        return frame(t, 100, 100, to);
    }

    /** Recomputes the IPv4 header checksum after a test changed a header field. */
    private static void fixIpChecksum(byte[] f) {
        f[24] = 0;
        f[25] = 0;
        FrameLayout.putU16(f, 24, InetChecksum.of(f, 14, 20));
    }

    @Test
    void ethernetPaddingToMinimumFrameIsTolerated() {
        byte[] padded = Arrays.copyOf(v2(), 60);
        assertThat(view.wrapFrame(padded, 0, padded.length)).isEqualTo(AdvertCheck.VALID);
        byte[] withFcs = Arrays.copyOf(v2(), 64);
        assertThat(view.wrapFrame(withFcs, 0, withFcs.length)).isEqualTo(AdvertCheck.VALID);
    }

    @Test
    void trailingBytesBeyondMinimumFrameAreALengthError() {
        byte[] f = Arrays.copyOf(v2(), 80);
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.PACKET_LENGTH);
    }

    @Test
    void truncatedFrameIsALengthError() {
        byte[] f = v2();
        assertThat(view.wrapFrame(f, 0, f.length - 1)).isEqualTo(AdvertCheck.PACKET_LENGTH);
    }

    @Test
    void countThatDoesNotFitTheLengthIsALengthError() {
        byte[] f = v2();
        f[14 + 20 + 3] = 2;
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.PACKET_LENGTH);
    }

    @Test
    void multicastTtlBelow255IsRejected() {
        byte[] f = v2();
        f[14 + 8] = 1;
        fixIpChecksum(f);
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.TTL);
    }

    @Test
    void unicastTtlIsLeftToTheInstance() {
        byte[] f = frame(KeepalivedVectorTest.V2_UNICAST, 100, 1, UNICAST_B);
        f[14 + 8] = 64;
        fixIpChecksum(f);
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.ttl()).isEqualTo(64);
    }

    @Test
    void unknownVersionIsRejected() {
        byte[] f = v2();
        f[14 + 20] = 0x41;
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.VERSION);
    }

    @Test
    void typeOtherThanAdvertisementIsRejected() {
        byte[] f = v2();
        f[14 + 20] = 0x22;
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.INVALID_TYPE);
    }

    @Test
    void unknownAuthTypeIsRejected() {
        byte[] f = v2();
        f[14 + 20 + 4] = 3;
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.INVALID_AUTH_TYPE);
    }

    @Test
    void corruptedVrrpChecksumIsRejected() {
        byte[] f = v2();
        f[14 + 20 + 2] ^= 1;
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.CHECKSUM);
    }

    @Test
    void corruptedIpHeaderIsMalformed() {
        byte[] f = v2();
        f[14 + 12] ^= 1;
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.MALFORMED_IP);
    }

    @Test
    void v3ChecksumFormsAreRecognised() {
        Destination m = Destination.multicast(IpFamily.IPV4);
        byte[] standard = v3(ChecksumForm.PSEUDO_HEADER, m);
        assertThat(view.wrapFrame(standard, 0, standard.length)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.checksumForm()).isEqualTo(ChecksumForm.PSEUDO_HEADER);

        byte[] messageOnly = v3(ChecksumForm.MESSAGE_ONLY, m);
        assertThat(view.wrapFrame(messageOnly, 0, messageOnly.length)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.checksumForm()).isEqualTo(ChecksumForm.MESSAGE_ONLY);

        byte[] oldUnicast = v3(ChecksumForm.OLD_UNICAST, UNICAST_B);
        assertThat(view.wrapFrame(oldUnicast, 0, oldUnicast.length)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.checksumForm()).isEqualTo(ChecksumForm.OLD_UNICAST);

        byte[] newUnicast = v3(ChecksumForm.PSEUDO_HEADER, UNICAST_B);
        assertThat(view.wrapFrame(newUnicast, 0, newUnicast.length)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.checksumForm()).isEqualTo(ChecksumForm.PSEUDO_HEADER);
    }

    @Test
    void carpPacketIsItsOwnReason() {
        // CARP: version 2 type 1, vhid, advskew, authlen 7, demotion, advbase 1, cksum, counter, 20-byte HMAC.
        byte[] f = new byte[14 + 20 + 36];
        System.arraycopy(FrameLayout.VRRP_MAC_IPV4, 0, f, 0, 6);
        System.arraycopy(MAC_A, 0, f, 6, 6);
        FrameLayout.putU16(f, 12, FrameLayout.ETHERTYPE_IPV4);
        f[14] = 0x45;
        FrameLayout.putU16(f, 16, 56);
        f[14 + 8] = (byte) 255;
        f[14 + 9] = 112;
        System.arraycopy(ip("192.0.2.7").getAddress(), 0, f, 26, 4);
        System.arraycopy(FrameLayout.VRRP_GROUP_IPV4, 0, f, 30, 4);
        fixIpChecksum(f);
        f[34] = 0x21;
        f[35] = 1;
        f[37] = 7;
        f[39] = 1;
        FrameLayout.putU16(f, 40, InetChecksum.of(f, 34, 36));
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.CARP);
    }

    @Test
    void decodingFromTheIpHeaderWorks() {
        byte[] f = v2();
        assertThat(view.wrapIp(f, 14, f.length - 14)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.vrid()).isEqualTo(51);
        byte[] ipv6 = frame(KeepalivedVectorTest.V3_IPV6, 200, 100, Destination.multicast(IpFamily.IPV6));
        assertThat(view.wrapIp(ipv6, 14, ipv6.length - 14)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.priority()).isEqualTo(200);
        assertThat(view.family()).isEqualTo(IpFamily.IPV6);
    }

    @Test
    void ipv6ChecksumMustCoverThePseudoHeader() {
        byte[] f = frame(KeepalivedVectorTest.V3_IPV6, 200, 100, Destination.multicast(IpFamily.IPV6));
        f[14 + 8 + 15] ^= 1;
        assertThat(view.wrapFrame(f, 0, f.length)).isEqualTo(AdvertCheck.CHECKSUM);
    }

    @Test
    void randomGarbageNeverThrows() {
        Random random = new Random(42);
        byte[] base = v2();
        for (int i = 0; i < 20_000; i++) {
            byte[] f = base.clone();
            int flips = 1 + random.nextInt(4);
            for (int j = 0; j < flips; j++) {
                f[random.nextInt(f.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(f.length + 1);
            AdvertCheck check = view.wrapFrame(f, 0, length);
            assertThat(check).isNotNull();
        }
        for (int i = 0; i < 2_000; i++) {
            byte[] f = new byte[random.nextInt(120)];
            random.nextBytes(f);
            assertThat(view.wrapFrame(f, 0, f.length)).isNotNull();
            assertThat(view.wrapIp(f, 0, f.length)).isNotNull();
        }
    }

    @Test
    void encoderRejectsOutOfRangeFields() {
        AdvertEncoder encoder = new AdvertEncoder(KeepalivedVectorTest.V3_MCAST);
        Destination m = Destination.multicast(IpFamily.IPV4);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> encoder.encode(100, 4096, 1, 0, m));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> encoder.encode(256, 100, 1, 0, m));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> encoder.encode(100, 100, 1, 0, Destination.multicast(IpFamily.IPV6)));
    }
    @Test
    void vlanTaggedFrameIsDecoded() {
        byte[] plain = v2();
        byte[] tagged = new byte[plain.length + 4];
        System.arraycopy(plain, 0, tagged, 0, 12);
        FrameLayout.putU16(tagged, 12, FrameLayout.ETHERTYPE_VLAN);
        FrameLayout.putU16(tagged, 14, 100);
        System.arraycopy(plain, 12, tagged, 16, plain.length - 12);
        assertThat(view.wrapFrame(tagged, 0, tagged.length)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.vrid()).isEqualTo(51);
    }

    @Test
    void nonVrrpFramesAreMalformedNotExceptions() {
        byte[] arp = new byte[AddressAnnouncements.GARP_LENGTH];
        AddressAnnouncements.writeGratuitousArp(arp, 0, MAC_A, ip("192.0.2.9").getAddress());
        assertThat(view.wrapFrame(arp, 0, arp.length)).isEqualTo(AdvertCheck.MALFORMED_IP);
        assertThat(view.wrapFrame(arp, 0, 5)).isEqualTo(AdvertCheck.MALFORMED_IP);
        assertThat(view.wrapFrame(arp, 40, 10)).isEqualTo(AdvertCheck.MALFORMED_IP);
    }
}
