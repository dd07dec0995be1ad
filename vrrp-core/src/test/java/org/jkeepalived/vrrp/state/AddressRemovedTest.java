package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.vrrp.state.Peer.advert;
import static org.jkeepalived.vrrp.state.Peer.ip;
import static org.jkeepalived.vrrp.state.Peer.settings;
import static org.jkeepalived.vrrp.state.Peer.vip;

import java.util.List;
import org.jkeepalived.vrrp.state.InstanceEvent.AddressRemoved;
import org.jkeepalived.vrrp.state.InstanceEvent.AdvertReceived;
import org.jkeepalived.vrrp.state.InstanceEvent.Start;
import org.jkeepalived.vrrp.state.InstanceEvent.TimerExpired;
import org.junit.jupiter.api.Test;

/**
 * A VIP removed by another process ({@code ip addr del}), as keepalived 2.2.7 handles it
 * (observed in a namespace: "Entering BACKUP STATE", "sent 0 priority", "removing VIPs.", a
 * priority-0 advert on the wire, then MASTER again one Skew_Time later with the VIPs restored).
 */
class AddressRemovedTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S;

    private final RecordingSink sink = new RecordingSink();

    private VrrpInstance master(InstanceSettings settings) {
        VrrpInstance instance = new VrrpInstance(settings, sink);
        instance.handle(new Start(true), T0);
        long now = instance.nextDeadlineNanos();
        for (int i = 0; i < 10 && instance.state() != VrrpState.MASTER; i++) {
            instance.handle(TimerExpired.INSTANCE, now);
            now = instance.nextDeadlineNanos();
        }
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        sink.clear();
        return instance;
    }

    @Test
    void masterLosingAVipEntersBackupSendsPriorityZeroAndReElectsAfterItsSkewTime() {
        VrrpInstance instance = master(settings().priority(150).virtualAddresses(
                List.of(vip("192.0.2.100"), vip("192.0.2.101"))).build());
        long deleted = T0 + 10 * S;
        long deadline = instance.handle(new AddressRemoved(ip("192.0.2.100"), "eth0"), deleted);

        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.actions).containsExactly("log (VI_1) Entering BACKUP STATE", "advert prio=0",
                "log (VI_1) sent 0 priority", "log (VI_1) removing VIPs.", "remove 2", "notify BACKUP 150");
        assertThat(sink.detailLogs).containsExactly("(VI_1) sent 0 priority", "(VI_1) removing VIPs.");
        // Skew_Time for priority 150 at 1 s: (256 - 150) / 256 s, in whole microseconds.
        assertThat(deadline - deleted).isEqualTo(414_062_000L);
        assertThat(instance.stats().priZeroSent()).isEqualTo(1);
        assertThat(instance.stats().releaseMaster()).isEqualTo(1);

        sink.clear();
        instance.handle(TimerExpired.INSTANCE, deadline);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sink.actions).startsWith("log (VI_1) Receive advertisement timeout", "advert prio=150",
                "log (VI_1) Entering MASTER STATE", "log (VI_1) setting VIPs.", "add 2");
        assertThat(instance.stats().becomeMaster()).isEqualTo(2);
    }

    @Test
    void ipv6VipOfAVersion3MasterUsesTheVersion3SkewTime() {
        VrrpInstance instance = master(settings().version(3).family(org.jkeepalived.vrrp.codec.IpFamily.IPV6).priority(200).advertIntervalCentis(100)
                .virtualAddresses(List.of(vip("2001:db8::100"))).sourceAddress(ip("fe80::1")).build());
        long deleted = T0 + 10 * S;
        long deadline = instance.handle(new AddressRemoved(ip("2001:db8::100"), "eth0"), deleted);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        // v3: (256 - 200) × Master_Adver_Interval / 256.
        assertThat(deadline - deleted).isEqualTo(VrrpTimers.skewNanos(3, 200, 100));
        assertThat(sink.count("advert prio=0")).isEqualTo(1);
    }

    @Test
    void aPeerThatTakesOverFirstKeepsTheInstanceInBackup() {
        VrrpInstance instance = master(settings().priority(150).build());
        long deleted = T0 + 10 * S;
        instance.handle(new AddressRemoved(ip("192.0.2.100"), "eth0"), deleted);
        // A backup with priority 200 answers the priority 0 before our Skew_Time runs out.
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1)), deleted + 5_000_000);
        assertThat(instance.nextDeadlineNanos() - deleted).isGreaterThan(3 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void anAddressThatIsNotAVipOrIsOnAnotherInterfaceChangesNothing() {
        VrrpInstance instance = master(settings().priority(150).build());
        long before = instance.nextDeadlineNanos();
        instance.handle(new AddressRemoved(ip("192.0.2.77"), "eth0"), T0 + 10 * S);
        instance.handle(new AddressRemoved(ip("192.0.2.100"), "eth1"), T0 + 10 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(before);
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void aBackupIgnoresTheRemovalOfAnAddressItDoesNotHold() {
        VrrpInstance instance = new VrrpInstance(settings().priority(100).build(), sink);
        instance.handle(new Start(true), T0);
        long before = instance.nextDeadlineNanos();
        sink.clear();
        assertThat(instance.holdsVirtualAddress(ip("192.0.2.100"), "eth0")).isFalse();
        instance.handle(new AddressRemoved(ip("192.0.2.100"), "eth0"), T0 + S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(before);
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void stopAfterwardsStillSendsItsOwnPriorityZero() {
        VrrpInstance instance = master(settings().priority(150).build());
        instance.handle(new AddressRemoved(ip("192.0.2.100"), "eth0"), T0 + 10 * S);
        instance.handle(TimerExpired.INSTANCE, instance.nextDeadlineNanos());
        sink.clear();
        instance.handle(new InstanceEvent.Stop(true), T0 + 20 * S);
        assertThat(sink.count("advert prio=0")).isEqualTo(1);
        assertThat(instance.stats().priZeroSent()).isEqualTo(2);
    }
}
