package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.vrrp.state.Peer.advert;
import static org.jkeepalived.vrrp.state.Peer.ip;
import static org.jkeepalived.vrrp.state.Peer.settings;
import static org.jkeepalived.vrrp.state.Peer.vip;

import java.util.List;
import org.jkeepalived.vrrp.state.InstanceEvent.AdvertReceived;
import org.jkeepalived.vrrp.state.InstanceEvent.Demote;
import org.jkeepalived.vrrp.state.InstanceEvent.Promote;
import org.jkeepalived.vrrp.state.InstanceEvent.Start;
import org.jkeepalived.vrrp.state.InstanceEvent.TimerExpired;
import org.jkeepalived.vrrp.state.InstanceEvent.TrackerChanged;
import org.junit.jupiter.api.Test;

/** Planned handover: {@link Demote} and {@link Promote}. */
class DemoteTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_000 * S;

    private final RecordingSink sink = new RecordingSink();

    private VrrpInstance master(InstanceSettings settings) {
        VrrpInstance instance = new VrrpInstance(settings, sink);
        instance.handle(new Start(true), T0);
        for (int i = 0; i < 10 && instance.state() != VrrpState.MASTER; i++) {
            instance.handle(TimerExpired.INSTANCE, instance.nextDeadlineNanos());
        }
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        sink.clear();
        return instance;
    }

    @Test
    void demotedMasterSendsPriorityZeroRemovesItsVipsAndGoesBackup() {
        VrrpInstance instance = master(settings().priority(150).build());
        long now = T0 + 10 * S;
        instance.handle(Demote.INSTANCE, now);

        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(instance.effectivePriority()).isEqualTo(1);
        assertThat(instance.demoted()).isTrue();
        assertThat(instance.trackedPriority()).isEqualTo(150);
        int zero = sink.actions.indexOf("advert prio=0");
        int remove = sink.actions.indexOf("remove 1");
        assertThat(zero).isGreaterThanOrEqualTo(0).isLessThan(remove);
        assertThat(sink.vipsHeld).isFalse();
        assertThat(sink.logs).contains("(VI_1) Demoted by the administrator - effective priority 1",
                "(VI_1) Changing effective priority from 150 to 1", "(VI_1) Entering BACKUP STATE");
        assertThat(sink.notifications).containsExactly("BACKUP 1");
        assertThat(instance.stats().priZeroSent()).isEqualTo(1);
        assertThat(instance.stats().releaseMaster()).isEqualTo(1);
        // Nobody answers: MASTER again after Master_Down_Interval at priority 1 (3 s + 255/256 s).
        assertThat(instance.nextDeadlineNanos() - now).isEqualTo(3 * S + 255L * 1_000_000 / 256 * 1000);
    }

    @Test
    void demotedBackupNeverPreemptsButTakesOverWhenNobodyAnswers() {
        VrrpInstance instance = new VrrpInstance(settings().priority(200).build(), sink);
        instance.handle(new Start(true), T0);
        instance.handle(Demote.INSTANCE, T0 + MS);
        long now = T0 + S;
        for (int i = 0; i < 20; i++, now += S) {
            instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 50, 1)), now);
            assertThat(instance.nextDeadlineNanos()).isGreaterThan(now + S);
        }
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(instance.masterAddress()).isEqualTo(ip("192.0.2.2"));
        assertThat(sink.logs).noneMatch(l -> l.contains("discarding"));
        long last = now - S;
        instance.handle(TimerExpired.INSTANCE, instance.nextDeadlineNanos());
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sink.actions).contains("advert prio=1");
        assertThat(instance.masterAddress()).isEqualTo(ip("192.0.2.1"));
        assertThat(sink.notifications).last().isEqualTo("MASTER 1");
        assertThat(last).isLessThan(instance.nextDeadlineNanos());
    }

    @Test
    void trackersKeepTheirArithmeticWhileDemotedAndApplyAtPromotion() {
        VrrpInstance instance = master(settings().priority(150)
                .trackers(List.of(new TrackerSettings("chk", -60, false))).build());
        instance.handle(Demote.INSTANCE, T0 + 10 * S);
        instance.handle(new TrackerChanged("chk", false), T0 + 11 * S);
        assertThat(instance.effectivePriority()).isEqualTo(1);
        assertThat(instance.trackedPriority()).isEqualTo(90);
        sink.clear();
        instance.handle(Promote.INSTANCE, T0 + 12 * S);
        assertThat(instance.demoted()).isFalse();
        assertThat(instance.effectivePriority()).isEqualTo(90);
        assertThat(sink.logs).contains("(VI_1) Changing effective priority from 1 to 90");
    }

    @Test
    void promotedBackupPreemptsAMasterOfLowerPriorityAfterMasterDownInterval() {
        VrrpInstance instance = master(settings().priority(150).build());
        instance.handle(Demote.INSTANCE, T0 + 10 * S);
        long lastAccepted = T0 + 11 * S;
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 100, 1)), lastAccepted);
        instance.handle(Promote.INSTANCE, T0 + 11 * S + 500 * MS);
        // Master_Down_Interval for 150 from the last advert accepted: 3 s + 106/256 s.
        long expected = lastAccepted + 3 * S + 106L * 1_000_000 / 256 * 1000;
        assertThat(instance.nextDeadlineNanos()).isEqualTo(expected);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 100, 1)), T0 + 12 * S);
        assertThat(sink.logs).contains("(VI_1) received lower priority (100) advert from 192.0.2.2 - discarding");
        instance.handle(TimerExpired.INSTANCE, expected);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(instance.effectivePriority()).isEqualTo(150);
    }

    @Test
    void demoteAndPromoteAreIdempotent() {
        VrrpInstance instance = master(settings().priority(150).build());
        instance.handle(Demote.INSTANCE, T0 + 10 * S);
        sink.clear();
        instance.handle(Demote.INSTANCE, T0 + 10 * S + MS);
        assertThat(sink.actions).isEmpty();
        instance.handle(Promote.INSTANCE, T0 + 11 * S);
        sink.clear();
        instance.handle(Promote.INSTANCE, T0 + 11 * S + MS);
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void demotedMemberTakesItsSyncGroupToBackupEachWithPriorityZero() {
        RecordingSink sinkB = new RecordingSink();
        VrrpInstance a = new VrrpInstance(settings().priority(150).build(), sink);
        VrrpInstance b = new VrrpInstance(InstanceSettings.builder("VI_2", 52).priority(150)
                .virtualAddresses(List.of(vip("192.0.2.101"))).sourceMac(Peer.MAC_LOCAL)
                .sourceAddress(ip("192.0.2.1")).build(), sinkB);
        List<String> groupLog = new java.util.ArrayList<>();
        SyncGroup group = new SyncGroup("SG1", false, new SyncGroupSink() {
            @Override
            public void notify(NotifyEvent event) {
                groupLog.add("notify " + event);
            }

            @Override
            public void log(String line) {
                groupLog.add(line);
            }
        });
        group.add(a);
        group.add(b);
        a.handle(new Start(true), T0);
        b.handle(new Start(true), T0);
        for (int i = 0; i < 10 && a.state() != VrrpState.MASTER; i++) {
            long next = Math.min(a.nextDeadlineNanos(), b.nextDeadlineNanos());
            a.handle(TimerExpired.INSTANCE, next);
            b.handle(TimerExpired.INSTANCE, next);
        }
        assertThat(a.state()).isEqualTo(VrrpState.MASTER);
        assertThat(b.state()).isEqualTo(VrrpState.MASTER);
        sinkB.clear();

        a.handle(Demote.INSTANCE, T0 + 20 * S);
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.demoted()).isFalse();
        assertThat(sinkB.actions).contains("advert prio=0", "remove 1");
        assertThat(groupLog).contains("VRRP_Group(SG1) Syncing instances to BACKUP state", "notify BACKUP");
    }

    @Test
    void demotedInstanceInFaultComesBackAsBackupAtPriorityOne() {
        VrrpInstance instance = master(settings().priority(150)
                .trackers(List.of(new TrackerSettings("chk", 0, false))).build());
        instance.handle(new TrackerChanged("chk", false), T0 + 10 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        instance.handle(Demote.INSTANCE, T0 + 11 * S);
        instance.handle(new TrackerChanged("chk", true), T0 + 12 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(instance.effectivePriority()).isEqualTo(1);
    }
}
