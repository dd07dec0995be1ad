package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jkeepalived.vrrp.state.Peer.ip;
import static org.jkeepalived.vrrp.state.Peer.settings;

import java.util.Arrays;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.Destination;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.state.InstanceEvent.Start;
import org.jkeepalived.vrrp.state.InstanceEvent.TimerExpired;
import org.junit.jupiter.api.Test;

/** {@code vrrp_mcast_group4/6}: adverts go to the configured group and its Ethernet multicast MAC. */
class MulticastGroupTest {
    private static final long T0 = 1_000_000_000_000L;

    private final RecordingSink sink = new RecordingSink();

    private byte[] firstAdvert(InstanceSettings settings) {
        VrrpInstance instance = new VrrpInstance(settings, sink);
        instance.handle(new Start(true), T0);
        long now = instance.nextDeadlineNanos();
        for (int i = 0; i < 100 && sink.frames.isEmpty(); i++) {
            instance.handle(TimerExpired.INSTANCE, now);
            now = instance.nextDeadlineNanos();
        }
        assertThat(sink.frames).as("an advert was sent").isNotEmpty();
        return sink.frames.get(0);
    }

    @Test
    void ipv4AdvertsGoToTheConfiguredGroupAndItsMac() {
        byte[] frame = firstAdvert(settings().multicastGroup(ip("224.0.0.100")).build());
        assertThat(Arrays.copyOfRange(frame, 0, 6)).containsExactly(1, 0, 0x5e, 0, 0, 100);
        AdvertView view = new AdvertView();
        assertThat(view.wrapFrame(frame, 0, frame.length)).isEqualTo(AdvertCheck.VALID);
        assertThat(view.destinationAddressEquals(ip("224.0.0.100").getAddress())).isTrue();
        assertThat(view.destinationAddressEquals(ip("224.0.0.18").getAddress())).isFalse();
    }

    @Test
    void withoutAGroupAdvertsGoTo224_0_0_18() {
        byte[] frame = firstAdvert(settings().build());
        assertThat(Arrays.copyOfRange(frame, 0, 6)).containsExactly(1, 0, 0x5e, 0, 0, 0x12);
        AdvertView view = new AdvertView();
        view.wrapFrame(frame, 0, frame.length);
        assertThat(view.destinationAddressEquals(ip("224.0.0.18").getAddress())).isTrue();
    }

    @Test
    void macMappingKeepsTheLow23BitsForIpv4AndLow32BitsForIpv6() {
        assertThat(Destination.multicastGroup(ip("239.129.2.3")).mac()).containsExactly(1, 0, 0x5e, 1, 2, 3);
        assertThat(Destination.multicastGroup(ip("ff02::1:ff00:1234")).mac())
                .containsExactly(0x33, 0x33, 0xff, 0, 0x12, 0x34);
        assertThat(Destination.multicast(IpFamily.IPV6).mac()).containsExactly(0x33, 0x33, 0, 0, 0, 0x12);
    }

    @Test
    void aGroupThatIsNotMulticastOrOfTheOtherFamilyIsRefused() {
        assertThatThrownBy(() -> settings().multicastGroup(ip("192.0.2.7")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multicast group");
        assertThatThrownBy(() -> settings().multicastGroup(ip("ff02::12")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multicast group");
    }
}
