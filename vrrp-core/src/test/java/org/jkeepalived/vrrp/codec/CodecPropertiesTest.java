package org.jkeepalived.vrrp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever the encoder writes, the decoder reads back unchanged and accepts. */
class CodecPropertiesTest {

    private static InetAddress address(IpFamily family, int index) throws UnknownHostException {
        byte[] raw = new byte[family.addressLength()];
        raw[0] = (byte) (family == IpFamily.IPV4 ? 198 : 0x20);
        raw[1] = (byte) (family == IpFamily.IPV4 ? 51 : 0x01);
        raw[raw.length - 2] = (byte) (index >> 8);
        raw[raw.length - 1] = (byte) index;
        return InetAddress.getByAddress(raw);
    }

    @Property(tries = 500)
    void encodedAdvertsDecodeToTheSameFields(@ForAll boolean ipv6, @ForAll boolean v3,
                                             @ForAll @IntRange(min = 1, max = 255) int vrid,
                                             @ForAll @IntRange(min = 0, max = 255) int priority,
                                             @ForAll @IntRange(min = 1, max = 4095) int interval,
                                             @ForAll @IntRange(min = 0, max = 40) int count,
                                             @ForAll @IntRange(min = 0, max = 2) int auth,
                                             @ForAll @IntRange(min = 1, max = 65535) int ipId,
                                             @ForAll boolean unicast) throws UnknownHostException {
        IpFamily family = ipv6 ? IpFamily.IPV6 : IpFamily.IPV4;
        int version = ipv6 || v3 ? 3 : 2;
        AuthType authType = version == 2 ? AuthType.values()[auth] : AuthType.NONE;
        int wireInterval = version == 2 ? 1 + interval % 255 : interval;
        List<InetAddress> vips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vips.add(address(family, i + 1));
        }
        AdvertTemplate template = new AdvertTemplate(family, version, vrid, authType,
                "pw".getBytes(java.nio.charset.StandardCharsets.US_ASCII), vips, new byte[] {2, 0, 0, 0, 0, 1},
                address(family, 1000), 255, null);
        Destination to = unicast ? Destination.unicast(new byte[] {2, 0, 0, 0, 0, 2}, address(family, 2000))
                : Destination.multicast(family);
        AdvertEncoder encoder = new AdvertEncoder(template);
        byte[] frame = new byte[encoder.frameLength()];
        encoder.encodeInto(frame, 0, priority, wireInterval, ipId, 7, to);

        AdvertView view = new AdvertView();
        assertThat(view.wrapFrame(frame, 0, frame.length)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.version()).isEqualTo(version);
        assertThat(view.vrid()).isEqualTo(vrid);
        assertThat(view.priority()).isEqualTo(priority);
        assertThat(view.advertIntervalRaw()).isEqualTo(wireInterval);
        assertThat(view.addressCount()).isEqualTo(count);
        assertThat(view.authType()).isEqualTo(authType);
        assertThat(view.hasAh()).isEqualTo(authType == AuthType.AH);
        assertThat(view.destinationIsMulticast()).isEqualTo(!unicast);
        for (int i = 0; i < count; i++) {
            assertThat(view.addressEquals(i, vips.get(i).getAddress())).isTrue();
        }
        if (authType == AuthType.AH) {
            assertThat(new AhAuthenticator("pw".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .verify(view, unicast)).isTrue();
            assertThat(view.ahSequence()).isEqualTo(7);
        }
    }

    @Property(tries = 300)
    void anySingleBitFlipAfterTheMacsIsRejected(@ForAll @IntRange(min = 0, max = 100_000) int bit) {
        AdvertTemplate template = KeepalivedVectorTest.V3_MCAST;
        AdvertEncoder encoder = new AdvertEncoder(template);
        byte[] frame = new byte[encoder.frameLength()];
        encoder.encodeInto(frame, 0, 100, 100, 1, 0, Destination.multicast(IpFamily.IPV4));
        int position = bit % (frame.length * 8);
        // Flip one bit of the IP header or VRRP message (MAC bytes are not covered by any check).
        if (position < 12 * 8) {
            position += 12 * 8;
        }
        frame[position / 8] ^= (byte) (1 << (position % 8));
        // The ethertype, the IPv4 header (header checksum) and VRRP (its checksum) are all checked.
        assertThat(new AdvertView().wrapFrame(frame, 0, frame.length)).isNotEqualTo(AdvertCheck.VALID);
    }
}
