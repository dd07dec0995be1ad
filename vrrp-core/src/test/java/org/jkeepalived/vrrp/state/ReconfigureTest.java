package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jkeepalived.vrrp.state.Peer.advert;
import static org.jkeepalived.vrrp.state.Peer.settings;
import static org.jkeepalived.vrrp.state.Peer.vip;

import java.util.List;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.state.InstanceEvent.AdvertReceived;
import org.jkeepalived.vrrp.state.InstanceEvent.Reconfigure;
import org.jkeepalived.vrrp.state.InstanceEvent.Start;
import org.jkeepalived.vrrp.state.InstanceEvent.TimerExpired;
import org.jkeepalived.vrrp.state.InstanceEvent.TrackerTotals;
import org.junit.jupiter.api.Test;

/**
 * SIGHUP on a running instance (keepalived-runtime.md §2): the state, counters and timers stay,
 * the new settings apply. Includes the regressions of keepalived's reload bugs #208 and #1009.
 */
class ReconfigureTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S;

    private final RecordingSink sink = new RecordingSink();

    private VrrpInstance backup(InstanceSettings settings) {
        VrrpInstance instance = new VrrpInstance(settings, sink);
        instance.handle(new Start(true), T0);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        sink.clear();
        return instance;
    }

    /** MASTER at the first down-timer expiry after T0; returns it with the sink cleared. */
    private VrrpInstance master(InstanceSettings settings) {
        VrrpInstance instance = new VrrpInstance(settings, sink);
        instance.handle(new Start(true), T0);
        instance.handle(TimerExpired.INSTANCE, instance.nextDeadlineNanos());
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        sink.clear();
        return instance;
    }

    private List<String> nonLogActions() {
        return sink.actions.stream().filter(a -> !a.startsWith("log ")).toList();
    }

    private AdvertView lastAdvert() {
        for (int i = sink.frames.size() - 1; i >= 0; i--) {
            byte[] frame = sink.frames.get(i);
            AdvertView view = new AdvertView();
            if (view.wrapFrame(frame, 0, frame.length) == AdvertCheck.VALID) {
                return view;
            }
        }
        throw new AssertionError("no advert sent");
    }

    @Test
    void unchangedSettingsKeepAMasterWithItsVipsAndReassertAtOnce() {
        InstanceSettings settings = settings().priority(200).build();
        VrrpInstance instance = master(settings);
        long sentBefore = instance.stats().advertSent();
        long now = T0 + 10 * S;
        instance.handle(new Reconfigure(settings), now);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sink.actions).containsExactly("advert prio=200");
        assertThat(sink.notifications).isEmpty();
        assertThat(instance.stats().becomeMaster()).isEqualTo(1);
        assertThat(instance.stats().advertSent()).isEqualTo(sentBefore + 1);
        assertThat(instance.nextDeadlineNanos()).isLessThanOrEqualTo(now + S);
    }

    @Test
    void aNewVipIsAddedAloneThenAnnouncedAndAdvertised() {
        VrrpInstance instance = master(settings().priority(200).build());
        InstanceSettings twoVips = settings().priority(200)
                .virtualAddresses(List.of(vip("192.0.2.100"), vip("192.0.2.101"))).build();
        instance.handle(new Reconfigure(twoVips), T0 + 10 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sink.count("remove")).isZero();
        assertThat(nonLogActions().get(0)).isEqualTo("add 1");
        // keepalived announces every VIP once one was added: garp_master_repeat (5) per VIP.
        assertThat(sink.count("garp")).isEqualTo(10);
        assertThat(nonLogActions().get(nonLogActions().size() - 1)).isEqualTo("advert prio=200");
        assertThat(lastAdvert().addressCount()).isEqualTo(2);
        assertThat(sink.notifications).isEmpty();
    }

    @Test
    void aVipThatIsGoneIsRemovedAloneAndTheOthersStay() {
        VrrpInstance instance = master(settings().priority(200)
                .virtualAddresses(List.of(vip("192.0.2.100"), vip("192.0.2.101"))).build());
        instance.handle(new Reconfigure(settings().priority(200).build()), T0 + 10 * S);
        assertThat(nonLogActions()).containsExactly("remove 1", "advert prio=200");
        assertThat(sink.detailLogs).containsExactly("(VI_1) removing VIPs.");
        assertThat(lastAdvert().addressCount()).isEqualTo(1);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aBackupKeepsItsRunningDownTimer() {
        VrrpInstance instance = backup(settings().build());
        long deadline = instance.nextDeadlineNanos();
        instance.handle(new Reconfigure(settings()
                .virtualAddresses(List.of(vip("192.0.2.100"), vip("192.0.2.101"))).build()), T0 + S);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(deadline);
        assertThat(sink.actions).isEmpty();
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void aPriorityChangeMovesTheBackupDownTimerByTheSkewDifference() {
        VrrpInstance instance = backup(settings().priority(100).build());
        long deadline = instance.nextDeadlineNanos();
        instance.handle(new Reconfigure(settings().priority(200).build()), T0 + S);
        assertThat(instance.effectivePriority()).isEqualTo(200);
        long skewDifference = VrrpTimers.skewNanos(2, 200, 100) - VrrpTimers.skewNanos(2, 100, 100);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(deadline + skewDifference);
        assertThat(sink.logs).containsExactly("(VI_1) Changing effective priority from 100 to 200");
    }

    @Test
    void aNewAdvertIntervalTimesTheMastersNextAdvert() {
        GarpSettings noDelayedBurst = new GarpSettings(0, 5, 0, 1, 0, 5, 0);
        VrrpInstance instance = master(settings().version(3).advertIntervalCentis(100).garp(noDelayedBurst).build());
        long now = T0 + 10 * S;
        instance.handle(new Reconfigure(settings().version(3).advertIntervalCentis(50).garp(noDelayedBurst).build()),
                now);
        assertThat(instance.masterAdvertIntervalCentis()).isEqualTo(50);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(now + S / 2);
        assertThat(lastAdvert().advertIntervalCentis()).isEqualTo(50);
    }

    @Test
    void nopreemptSetByAReloadTakesEffectOnTheNextAdvert() {
        VrrpInstance instance = backup(settings().priority(200).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 100, 1)), T0 + S);
        assertThat(sink.logs).anyMatch(l -> l.contains("received lower priority (100)"));
        instance.handle(new Reconfigure(settings().priority(200).nopreempt(true).build()), T0 + 2 * S);
        long now = T0 + 3 * S;
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 100, 1)), now);
        // Accepted: the down timer restarts from this advert.
        assertThat(instance.nextDeadlineNanos()).isEqualTo(now + VrrpTimers.masterDownNanos(2, 200, 100, 3));
    }

    @Test
    void countersSurviveAReloadAndARenameOnlyChangesTheLogPrefix() {
        VrrpInstance instance = master(settings().priority(200).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 100, 1)), T0 + 5 * S);
        long received = instance.stats().advertRcvd();
        InstanceStats stats = instance.stats();
        InstanceSettings renamed = InstanceSettings.builder("VI_RENAMED", 51)
                .virtualAddresses(List.of(vip("192.0.2.100"))).sourceMac(Peer.MAC_LOCAL)
                .sourceAddress(Peer.ip("192.0.2.1")).priority(200).build();
        instance.handle(new Reconfigure(renamed), T0 + 6 * S);
        assertThat(instance.stats()).isSameAs(stats);
        assertThat(instance.stats().advertRcvd()).isEqualTo(received);
        assertThat(instance.name()).isEqualTo("VI_RENAMED");
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 100, 1)), T0 + 7 * S);
        assertThat(sink.logs).anyMatch(l -> l.startsWith("(VI_RENAMED) Received advert from 192.0.2.2"));
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aDifferentVridIsRefusedAndChangesNothing() {
        VrrpInstance instance = master(settings().build());
        InstanceSettings other = InstanceSettings.builder("VI_1", 52).sourceMac(Peer.MAC_LOCAL)
                .sourceAddress(Peer.ip("192.0.2.1")).build();
        assertThatThrownBy(() -> instance.handle(new Reconfigure(other), T0 + 10 * S))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VRID");
        assertThat(instance.settings().vrid()).isEqualTo(51);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void aFaultBroughtByTheNewTrackersReleasesTheNewVipList() {
        VrrpInstance instance = master(settings().priority(200)
                .virtualAddresses(List.of(vip("192.0.2.100"), vip("192.0.2.101"))).build());
        instance.handle(new Reconfigure(settings().priority(200).build(), new TrackerTotals(0, true)), T0 + 10 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        // 192.0.2.101 went with the diff, 192.0.2.100 when MASTER was left: nothing removed twice.
        assertThat(sink.actions).containsSubsequence("remove 1", "advert prio=200", "advert prio=0", "remove 1");
        assertThat(sink.notifications).containsExactly("FAULT 200");
    }

    /** keepalived #208: SIGHUPs in close succession must not take a MASTER to BACKUP. */
    @Test
    void tenReloadsInARowLeaveAMasterMaster() {
        InstanceSettings settings = settings().priority(150).build();
        VrrpInstance instance = master(settings);
        for (int i = 0; i < 10; i++) {
            instance.handle(new Reconfigure(settings), T0 + 10 * S + i * S / 10);
        }
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sink.notifications).isEmpty();
        assertThat(sink.count("remove")).isZero();
        assertThat(sink.count("advert prio=150")).isEqualTo(10);
    }

    /**
     * keepalived #1009: a reload changing both the priority and a tracker's weight while the
     * tracker is down must leave no trace of the old weight once the tracker comes back.
     */
    @Test
    void aReloadedTrackerWeightLeavesNoTraceOfTheOldOne() {
        VrrpInstance instance = backup(settings().priority(50).build());
        instance.handle(new TrackerTotals(-7, false), T0 + S);
        assertThat(instance.effectivePriority()).isEqualTo(43);
        sink.clear();
        instance.handle(new Reconfigure(settings().priority(110).build(), new TrackerTotals(-11, false)), T0 + 2 * S);
        assertThat(instance.effectivePriority()).isEqualTo(99);
        assertThat(sink.logs).containsExactly("(VI_1) Changing effective priority from 43 to 99");
        instance.handle(new TrackerTotals(0, false), T0 + 3 * S);
        assertThat(instance.effectivePriority()).isEqualTo(110);
    }

    @Test
    void namedTrackersKeepTheirStatusAcrossAReload() {
        TrackerSettings check = new TrackerSettings("chk", -20, false);
        VrrpInstance instance = backup(settings().priority(100).trackers(List.of(check)).build());
        instance.handle(new InstanceEvent.TrackerChanged("chk", false), T0 + S);
        assertThat(instance.effectivePriority()).isEqualTo(80);
        instance.handle(new Reconfigure(settings().priority(100).trackers(List.of(check,
                new TrackerSettings("new", 5, false))).build()), T0 + 2 * S);
        assertThat(instance.effectivePriority()).isEqualTo(85);
    }
}
