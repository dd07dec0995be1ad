package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.vrrp.state.Peer.advert;
import static org.jkeepalived.vrrp.state.Peer.settings;

import java.util.List;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.state.InstanceEvent.AdvertReceived;
import org.jkeepalived.vrrp.state.InstanceEvent.LinkChanged;
import org.jkeepalived.vrrp.state.InstanceEvent.Start;
import org.jkeepalived.vrrp.state.InstanceEvent.Stop;
import org.jkeepalived.vrrp.state.InstanceEvent.TimerExpired;
import org.jkeepalived.vrrp.state.InstanceEvent.TrackerChanged;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's state machine rules (keepalived-runtime.md §8), one scenario each. */
class VrrpInstanceTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S;

    private final RecordingSink sink = new RecordingSink();

    private VrrpInstance start(InstanceSettings settings) {
        VrrpInstance instance = new VrrpInstance(settings, sink);
        instance.handle(new Start(true), T0);
        return instance;
    }

    /** Fires timers until {@code instance} is MASTER or {@code limit} is passed; returns the time. */
    private static long runTimersUntilMaster(VrrpInstance instance, long limit) {
        long now = instance.nextDeadlineNanos();
        for (int i = 0; i < 1000 && instance.state() != VrrpState.MASTER && now <= limit; i++) {
            instance.handle(TimerExpired.INSTANCE, now);
            if (instance.state() != VrrpState.MASTER) {
                now = instance.nextDeadlineNanos();
            }
        }
        return now;
    }

    private VrrpInstance master(InstanceSettings settings) {
        VrrpInstance instance = start(settings);
        runTimersUntilMaster(instance, T0 + 100 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        sink.clear();
        return instance;
    }

    @Test
    void startupRemovesStaleVipsFirst() {
        start(settings().build());
        assertThat(sink.actions.get(0)).isEqualTo("log (VI_1) removing VIPs.");
        assertThat(sink.actions.get(1)).isEqualTo("remove 1");
        assertThat(sink.logs).contains("(VI_1) Entering BACKUP STATE (init)");
        assertThat(sink.notifications).containsExactly("BACKUP 100");
    }

    @Test
    void addressOwnerBecomesMasterAfterOneMicrosecond() {
        VrrpInstance instance = start(settings().priority(255).wantMaster(true).build());
        assertThat(instance.state()).isEqualTo(VrrpState.INIT);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(T0 + 1_000);
        instance.handle(TimerExpired.INSTANCE, T0 + 1_000);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sink.notifications).containsExactly("MASTER 255");
        int advert = sink.actions.indexOf("advert prio=255");
        int entering = sink.actions.indexOf("log (VI_1) Entering MASTER STATE");
        int add = sink.actions.indexOf("add 1");
        assertThat(advert).isLessThan(entering).isLessThan(add);
        assertThat(sink.count("garp")).isEqualTo(5);
    }

    @Test
    void stateMasterBelow255WaitsAFullMasterDownInterval() {
        VrrpInstance instance = start(settings().priority(150).wantMaster(true).build());
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        // 3 × 1 s + (256 − 150)/256 s = 3414062 µs, as keepalived logs it.
        assertThat(instance.nextDeadlineNanos() - T0).isEqualTo(3_414_062_000L);
        assertThat(runTimersUntilMaster(instance, T0 + 10 * S) - T0).isEqualTo(3_414_062_000L);
    }

    @Test
    void v2SkewIsInSecondsWhateverTheAdvertInterval() {
        VrrpInstance instance = start(settings().priority(150).advertIntervalCentis(300).build());
        assertThat(instance.nextDeadlineNanos() - T0).isEqualTo(9_414_062_000L);
    }

    @Test
    void v3SkewScalesWithTheInterval() {
        VrrpInstance instance = start(settings().version(3).advertIntervalCentis(50).priority(100).build());
        // 3 × 0.5 s + 156 × 0.5 s / 256 = 1.5 s + 304687 µs
        assertThat(instance.nextDeadlineNanos() - T0).isEqualTo(1_804_687_000L);
    }

    @Test
    void backupReceivingPriorityZeroWaitsOnlySkewTime() {
        VrrpInstance instance = start(settings().priority(100).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1)), T0 + S);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 0, 1)), T0 + 2 * S);
        assertThat(instance.nextDeadlineNanos() - (T0 + 2 * S)).isEqualTo(156L * 1_000_000 / 256 * 1000);
        assertThat(instance.stats().priZeroRcvd()).isEqualTo(1);
    }

    @Test
    void masterAnswersPriorityZeroWithAnImmediateAdvert() {
        VrrpInstance instance = master(settings().priority(200).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 0, 1)), T0 + 20 * S);
        assertThat(sink.actions).containsExactly("advert prio=200");
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void masterReceivingLowerPriorityAdvertsAndStaysMaster() {
        VrrpInstance instance = master(settings().priority(150).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 90, 1)), T0 + 20 * S);
        assertThat(sink.logs).contains(
                "(VI_1) Received advert from 192.0.2.2 with lower priority 90, ours 150, forcing new election");
        // garp_lower_prio_repeat defaults to garp_master_repeat (5).
        assertThat(sink.count("garp")).isEqualTo(5);
        assertThat(sink.actions).contains("advert prio=150");
        assertThat(sink.notifications).containsExactly("MASTER_RX_LOWER_PRI 150");
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void lowerPrioNoAdvertSuppressesTheAnswer() {
        VrrpInstance instance = master(settings().priority(150).lowerPrioNoAdvert(true).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 90, 1)), T0 + 20 * S);
        assertThat(sink.count("advert")).isZero();
    }

    @Test
    void masterReceivingHigherPriorityGoesBackupWithoutPriorityZero() {
        VrrpInstance instance = master(settings().priority(100).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 150, 1)), T0 + 20 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.logs).contains("(VI_1) Master received advert from 192.0.2.2 with higher priority 150, ours 100",
                "(VI_1) Entering BACKUP STATE");
        assertThat(sink.count("advert")).isZero();
        assertThat(sink.vipsHeld).isFalse();
        assertThat(sink.notifications).containsExactly("BACKUP 100");
        assertThat(instance.stats().releaseMaster()).isEqualTo(1);
    }

    @Test
    void equalPriorityElectionUsesThePrimaryAddress() {
        VrrpInstance instance = master(settings().priority(100).build());
        instance.handle(new AdvertReceived(advert("192.0.2.0", 2, 100, 1)), T0 + 20 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        instance.handle(new AdvertReceived(advert("192.0.2.9", 2, 100, 1)), T0 + 21 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.logs).contains(
                "(VI_1) Master received advert from 192.0.2.9 with same priority 100 but higher IP address than ours");
    }

    @Test
    void backupDiscardsLowerPriorityAndPreemptsWhenTheTimerExpires() {
        VrrpInstance instance = start(settings().priority(150).build());
        long deadline = instance.nextDeadlineNanos();
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 90, 1)), T0 + S);
        assertThat(sink.logs).contains("(VI_1) received lower priority (90) advert from 192.0.2.2 - discarding");
        assertThat(instance.nextDeadlineNanos()).isEqualTo(deadline);
        instance.handle(TimerExpired.INSTANCE, deadline);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void equalPriorityIsAcceptedInBackupWhateverTheAddress() {
        VrrpInstance instance = start(settings().priority(100).build());
        instance.handle(new AdvertReceived(advert("192.0.2.0", 2, 100, 1)), T0 + S);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(T0 + S + 3_609_375_000L);
    }

    @Test
    void nopreemptNeverTakesOverFromALowerPriorityMaster() {
        VrrpInstance instance = start(settings().priority(150).nopreempt(true).build());
        for (int i = 1; i <= 20; i++) {
            instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 90, 1)), T0 + i * S);
            assertThat(instance.nextDeadlineNanos()).isGreaterThan(T0 + i * S);
        }
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void preemptDelayAcceptsLowerAdvertsUntilItExpires() {
        VrrpInstance instance = start(settings().priority(150).preemptDelayNanos(5 * S).build());
        for (int i = 1; i <= 5; i++) {
            instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 90, 1)), T0 + i * S);
        }
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.logs).noneMatch(l -> l.contains("discarding"));
        // From T0+6 s (preempt time T0+1 s + 5 s passed) lower adverts are discarded.
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 90, 1)), T0 + 6 * S);
        assertThat(sink.logs).anyMatch(l -> l.contains("discarding"));
        assertThat(instance.nextDeadlineNanos()).isEqualTo(T0 + 5 * S + 3_414_062_000L);
    }

    @Test
    void v3BackupAdoptsTheMastersInterval() {
        VrrpInstance instance = start(settings().version(3).advertIntervalCentis(100).priority(100).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 3, 200, 300)), T0 + S);
        assertThat(instance.masterAdvertIntervalCentis()).isEqualTo(300);
        assertThat(sink.logs).contains("(VI_1) advertisement interval updated from 1000ms to 3000ms by master");
        assertThat(instance.nextDeadlineNanos() - (T0 + S)).isEqualTo(9 * S + 156L * 3_000_000 / 256 * 1000);
    }

    @Test
    void v2IntervalMismatchIsRejectedAndCounted() {
        VrrpInstance instance = start(settings().priority(100).build());
        long deadline = instance.nextDeadlineNanos();
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 2)), T0 + S);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(deadline);
        assertThat(instance.stats().byKeepalivedName("advert_interval_err")).isEqualTo(1);
    }

    @Test
    void twoAddressOwnersBackOffTo254() {
        VrrpInstance instance = master(settings().priority(255).wantMaster(true).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 255, 1)), T0 + 20 * S);
        assertThat(sink.logs).anyMatch(l -> l.contains("CONFIGURATION ERROR") && l.contains("reducing local priority"));
        assertThat(instance.basePriority()).isEqualTo(254);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void effectivePriorityAddsTrackerWeightsClampedAndShiftsTheBackupTimer() {
        InstanceSettings s = settings().priority(100).trackers(List.of(
                new TrackerSettings("chk_up", 200, false), new TrackerSettings("chk_down", -50, false))).build();
        VrrpInstance instance = start(s);
        assertThat(instance.effectivePriority()).isEqualTo(254);
        long deadline = instance.nextDeadlineNanos();
        instance.handle(new TrackerChanged("chk_up", false), T0 + S);
        assertThat(instance.effectivePriority()).isEqualTo(100);
        assertThat(sink.logs).contains("(VI_1) Changing effective priority from 254 to 100");
        // Skew grows from 2/256 s to 156/256 s: the running timer moves by the difference.
        assertThat(instance.nextDeadlineNanos() - deadline).isEqualTo(609_375_000L - 7_812_000L);
        instance.handle(new TrackerChanged("chk_down", false), T0 + 2 * S);
        assertThat(instance.effectivePriority()).isEqualTo(50);
        instance.handle(new TrackerChanged("chk_down", true), T0 + 3 * S);
        instance.handle(new TrackerChanged("chk_up", true), T0 + 3 * S);
        assertThat(instance.effectivePriority()).isEqualTo(254);
    }

    @Test
    void ownerPriorityIsNeverChangedByTrackers() {
        VrrpInstance instance = start(settings().priority(255).wantMaster(true)
                .trackers(List.of(new TrackerSettings("chk", -50, false))).build());
        instance.handle(new TrackerChanged("chk", false), T0);
        assertThat(instance.effectivePriority()).isEqualTo(255);
    }

    @Test
    void interfaceLossFromMasterSendsPriorityZeroThenFault() {
        VrrpInstance instance = master(settings().priority(150).build());
        instance.handle(new LinkChanged(false), T0 + 20 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        // keepalived 2.2.7's order: log, priority 0 twice (leave_master, then restore_interface), VIPs, notify.
        assertThat(sink.actions).containsExactly("log (VI_1) Entering FAULT STATE", "advert prio=0", "advert prio=0",
                "log (VI_1) sent 0 priority", "log (VI_1) removing VIPs.", "remove 1", "notify FAULT 150");
        assertThat(instance.stats().priZeroSent()).isEqualTo(1);
        // Adverts are ignored in FAULT.
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 90, 1)), T0 + 21 * S);
        assertThat(instance.stats().advertRcvd()).isZero();
        instance.handle(new LinkChanged(true), T0 + 22 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(T0 + 22 * S + 3_414_062_000L);
    }

    @Test
    void weightZeroTrackerFailurePutsTheInstanceInFault() {
        VrrpInstance instance = start(settings().trackers(List.of(new TrackerSettings("chk", 0, false))).build());
        instance.handle(new TrackerChanged("chk", false), T0 + S);
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        instance.handle(new TrackerChanged("chk", true), T0 + 2 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void interfaceDownAtStartupGoesToFault() {
        VrrpInstance instance = new VrrpInstance(settings().build(), sink);
        instance.handle(new Start(false), T0);
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        assertThat(sink.logs).contains("(VI_1) Entering FAULT STATE (init)");
    }

    @Test
    void stopFromMasterSendsPriorityZeroAndNotifiesStop() {
        VrrpInstance instance = master(settings().priority(150).build());
        instance.handle(new Stop(true), T0 + 20 * S);
        assertThat(sink.actions).containsExactly("advert prio=0", "log (VI_1) sent 0 priority",
                "log (VI_1) removing VIPs.", "remove 1", "notify STOP 150");
        assertThat(instance.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void masterSendsAnAdvertEveryInterval() {
        VrrpInstance instance = master(settings().priority(150).garp(new GarpSettings(0, 1, 0, 1, 0, 0, 0)).build());
        long now = instance.nextDeadlineNanos();
        for (int i = 0; i < 10; i++) {
            long next = instance.handle(TimerExpired.INSTANCE, now);
            assertThat(next - now).isEqualTo(S);
            now = next;
        }
        assertThat(sink.count("advert prio=150")).isEqualTo(10);
        assertThat(instance.stats().advertSent()).isEqualTo(11);
    }

    @Test
    void packetRejectionsAreCountedPerReason() {
        VrrpInstance instance = start(settings().build());
        instance.handle(InstanceEvent.PacketRejected.of(AdvertCheck.CARP), T0);
        instance.handle(InstanceEvent.PacketRejected.of(AdvertCheck.PACKET_LENGTH), T0);
        instance.handle(InstanceEvent.PacketRejected.of(AdvertCheck.TTL), T0);
        assertThat(instance.stats().rejected(AdvertCheck.CARP)).isEqualTo(1);
        // keepalived 2.2.7 counts a CARP packet as a length error too (DumpsComparisonIT).
        assertThat(instance.stats().asKeepalivedMap()).containsEntry("packet_len_err", 2L).containsEntry("ip_ttl_err", 1L);
        assertThat(sink.logs).noneMatch(l -> l.contains("CARP"));
    }
    @Test
    void ownerIgnoresAdvertsWhenConfigured() {
        VrrpInstance instance = master(settings().priority(255).wantMaster(true).ownerIgnoreAdverts(true).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 255, 1)), T0 + 20 * S);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 100, 1)), T0 + 21 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(instance.basePriority()).isEqualTo(255);
        assertThat(instance.stats().advertRcvd()).isZero();
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void multicastAdvertToAUnicastInstanceIsAnAddressListError() {
        VrrpInstance instance = start(settings().unicastPeers(List.of(Peer.ip("192.0.2.2"))).build());
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1)), T0 + S);
        assertThat(instance.stats().byKeepalivedName("addr_list_err")).isEqualTo(1);
    }

    @Test
    void advertsAreIgnoredBeforeStartAndWhileTheOwnerWaits() {
        VrrpInstance instance = new VrrpInstance(settings().priority(255).wantMaster(true).build(), sink);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1)), T0);
        instance.handle(new Start(true), T0);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1)), T0);
        assertThat(instance.stats().advertRcvd()).isZero();
        assertThat(instance.state()).isEqualTo(VrrpState.INIT);
    }
    @Test
    void stopWithDontReleaseKeepsVipsAndSendsNoPriorityZero() {
        VrrpInstance instance = master(settings().priority(150).build());
        instance.handle(new Stop(false), T0 + 20 * S);
        assertThat(sink.actions).containsExactly("notify STOP 150");
        assertThat(instance.state()).isEqualTo(VrrpState.INIT);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }
    @Test
    void priorityChangeAfterAnIgnoredAdvertShiftsTheTimerAsKeepalivedDoes() {
        VrrpInstance instance = start(settings().priority(150)
                .trackers(List.of(new TrackerSettings("chk", -50, false))).build());
        long deadline = instance.nextDeadlineNanos();
        // A lower advert is ignored 1 s in: ms_down_timer becomes what is left (2.414062 s).
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 90, 1)), T0 + S);
        instance.handle(new TrackerChanged("chk", false), T0 + S);
        // New Master_Down_Interval for 100 is 3.609375 s: the timer moves by 3.609375 - 2.414062 s.
        assertThat(instance.nextDeadlineNanos()).isEqualTo(deadline + 3_609_375_000L - 2_414_062_000L);
    }

    @Test
    void syncGroupMemberWantingMasterWaitsOneIntervalPlusMinimalSkew() {
        VrrpInstance instance = new VrrpInstance(settings().priority(150).wantMaster(true).build(), sink);
        new SyncGroup("SG1", false, new SyncGroupSink() {
            @Override
            public void notify(NotifyEvent event) {
            }

            @Override
            public void log(String line) {
            }
        }).add(instance);
        instance.handle(new Start(true), T0);
        assertThat(instance.nextDeadlineNanos() - T0).isEqualTo(S + 3_906_000L);
    }
    @Test
    void linesKeepalivedPrintsOnlyWithLogDetailAreMarked() {
        VrrpInstance instance = start(settings().priority(150).build());
        instance.handle(TimerExpired.INSTANCE, instance.nextDeadlineNanos());
        instance.handle(new Stop(true), T0 + 20 * S);
        String garp = "Sending gratuitous ARP on eth0 for 192.0.2.100";
        assertThat(sink.detailLogs).containsExactly("(VI_1) removing VIPs.", "(VI_1) Receive advertisement timeout",
                "(VI_1) setting VIPs.", "(VI_1) Sending/queueing gratuitous ARPs on eth0 for 192.0.2.100",
                garp, garp, garp, garp, garp, "(VI_1) sent 0 priority", "(VI_1) removing VIPs.");
        assertThat(sink.logs).contains("(VI_1) Entering BACKUP STATE (init)", "(VI_1) Entering MASTER STATE");
    }
    @Test
    void aViewThatFailedItsChecksIsCountedNotTrusted() {
        VrrpInstance instance = start(settings().build());
        long deadline = instance.nextDeadlineNanos();
        org.jkeepalived.vrrp.codec.AdvertView bad = new org.jkeepalived.vrrp.codec.AdvertView();
        bad.wrapFrame(new byte[10], 0, 10);
        instance.handle(new AdvertReceived(bad), T0 + S);
        assertThat(instance.stats().rejected(AdvertCheck.MALFORMED_IP)).isEqualTo(1);
        assertThat(instance.nextDeadlineNanos()).isEqualTo(deadline);
    }
    @Test
    void ownerWhoseInterfaceWasDownAtStartupGoesMasterWhenItComesUp() {
        VrrpInstance instance = new VrrpInstance(settings().priority(255).wantMaster(true).build(), sink);
        instance.handle(new Start(false), T0);
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        instance.handle(new LinkChanged(true), T0 + S);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void ownerThatFaultedWhileRunningComesBackThroughBackup() {
        VrrpInstance instance = master(settings().priority(255).wantMaster(true).build());
        instance.handle(new LinkChanged(false), T0 + 20 * S);
        instance.handle(new LinkChanged(true), T0 + 21 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        // 3 × 1 s + 1/256 s
        assertThat(instance.nextDeadlineNanos() - (T0 + 21 * S)).isEqualTo(3_003_906_000L);
    }
}
