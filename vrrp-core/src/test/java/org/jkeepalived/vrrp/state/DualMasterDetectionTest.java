package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.vrrp.state.Peer.advert;
import static org.jkeepalived.vrrp.state.Peer.settings;

import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.state.InstanceEvent.AdvertReceived;
import org.jkeepalived.vrrp.state.InstanceEvent.Start;
import org.jkeepalived.vrrp.state.InstanceEvent.Stop;
import org.jkeepalived.vrrp.state.InstanceEvent.TimerExpired;
import org.jkeepalived.vrrp.state.InstanceEvent.TrackerChanged;
import org.junit.jupiter.api.Test;

/** The dual-master rules of docs/dual-master.md on one instance (192.0.2.1, priority 150, v2, 1 s). */
class DualMasterDetectionTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S;
    /** v2, 1 s, priority 150: 3 s + (256 − 150)/256 s. */
    private static final long MASTER_DOWN_150 = 3_414_062_000L;
    /** v2, 1 s, priority 150: the in-flight window, 1 s + Skew_Time. */
    private static final long GRACE_150 = 1_414_062_000L;

    private final RecordingSink sink = new RecordingSink();
    private long masterAt;

    /** An instance with priority 150 that became MASTER at {@link #masterAt} by its down timer. */
    private VrrpInstance master(InstanceSettings settings) {
        VrrpInstance instance = new VrrpInstance(settings, sink);
        instance.handle(new Start(true), T0);
        masterAt = instance.nextDeadlineNanos();
        instance.handle(TimerExpired.INSTANCE, masterAt);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        sink.clear();
        return instance;
    }

    private VrrpInstance master() {
        return master(settings().priority(150).build());
    }

    private static void receive(VrrpInstance instance, AdvertView view, long now) {
        instance.handle(new AdvertReceived(view), now);
    }

    /** Fires every deadline up to {@code until} (adverts, GARPs, the episode's close). */
    private static void runTimers(VrrpInstance instance, long until) {
        for (int i = 0; i < 10_000 && instance.nextDeadlineNanos() <= until; i++) {
            instance.handle(TimerExpired.INSTANCE, instance.nextDeadlineNanos());
        }
    }

    private long dualMasterLogs(String prefix) {
        return sink.logs.stream().filter(line -> line.startsWith("(VI_1) dual master " + prefix)).count();
    }

    @Test
    void lowerPriorityAdvertsOpenOneEpisodeThatClosesAfterMasterDownInterval() {
        VrrpInstance instance = master();
        long first = masterAt + 10 * S;
        for (int i = 0; i < 5; i++) {
            receive(instance, advert("192.0.2.2", 2, 100, 1), first + i * S);
        }
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sink.logs).containsOnlyOnce(
                "(VI_1) dual master detected: 192.0.2.2 also advertises as master (priority 100, ours 150)");
        assertThat(dualMasterLogs("detected")).isEqualTo(1);
        assertThat(instance.stats().dualMasterEpisodes()).isEqualTo(1);
        assertThat(instance.stats().dualMasterNanos()).isEqualTo(4 * S);
        assertThat(instance.dualMasterPeer()).isEqualTo(Peer.ip("192.0.2.2"));
        assertThat(sink.dualMasterEvents).hasSize(1);
        assertThat(sink.dualMasterEvents.get(0).opened()).isTrue();
        assertThat(sink.dualMasterEvents.get(0).peerPriority()).isEqualTo(100);
        assertThat(sink.dualMasterEvents.get(0).effectivePriority()).isEqualTo(150);
        long lastAdvert = first + 4 * S;

        runTimers(instance, lastAdvert + MASTER_DOWN_150 - 1);
        assertThat(instance.dualMasterPeer()).as("still open just before Master_Down_Interval").isNotNull();
        runTimers(instance, lastAdvert + MASTER_DOWN_150);
        assertThat(instance.dualMasterPeer()).isNull();
        assertThat(sink.logs).containsOnlyOnce("(VI_1) dual master ended: 192.0.2.2 advertised as master for 4.000s"
                + " (no advert for Master_Down_Interval)");
        assertThat(sink.dualMasterEvents).hasSize(2);
        DualMasterEvent closed = sink.dualMasterEvents.get(1);
        assertThat(closed.opened()).isFalse();
        assertThat(closed.durationNanos()).isEqualTo(4 * S);
        assertThat(closed.reason()).isEqualTo(DualMasterEvent.CloseReason.PEER_SILENT);
        assertThat(instance.stats().dualMasterEpisodes()).isEqualTo(1);
        assertThat(instance.stats().dualMasterNanos()).isEqualTo(4 * S);
    }

    @Test
    void theEpisodeDeadlineWakesTheInstance() {
        VrrpInstance instance = master(settings().priority(150).advertIntervalCentis(1000).build());
        long at = masterAt + 100 * S;
        receive(instance, advert("192.0.2.2", 2, 100, 10), at);
        // 3 × 10 s + Skew_Time: later than the next advert, so the advert timer comes first ...
        assertThat(instance.nextDeadlineNanos()).isLessThan(at + 30 * S);
        runTimers(instance, at + 40 * S);
        // ... and the close still happens at exactly last advert + Master_Down_Interval.
        assertThat(sink.dualMasterEvents).hasSize(2);
        assertThat(instance.dualMasterPeer()).isNull();
    }

    @Test
    void previousMastersInFlightAdvertsAfterOurTakeoverAreNotCounted() {
        VrrpInstance instance = master();
        receive(instance, advert("192.0.2.2", 2, 100, 1), masterAt + GRACE_150 - 1);
        assertThat(instance.stats().dualMasterEpisodes()).isZero();
        assertThat(sink.dualMasterEvents).isEmpty();
        assertThat(instance.dualMasterPeer()).isNull();
        // One advert interval + Skew_Time later, the same router is a second master.
        receive(instance, advert("192.0.2.2", 2, 100, 1), masterAt + GRACE_150);
        assertThat(instance.stats().dualMasterEpisodes()).isEqualTo(1);
    }

    @Test
    void aReleaseIsNotADualMasterAndEndsTheEpisodeOfThatPeer() {
        VrrpInstance instance = master();
        receive(instance, advert("192.0.2.2", 2, 0, 1), masterAt + 10 * S);
        assertThat(instance.stats().dualMasterEpisodes()).isZero();

        receive(instance, advert("192.0.2.2", 2, 100, 1), masterAt + 20 * S);
        receive(instance, advert("192.0.2.3", 2, 0, 1), masterAt + 21 * S);
        assertThat(instance.dualMasterPeer()).as("another router's release").isNotNull();
        receive(instance, advert("192.0.2.2", 2, 0, 1), masterAt + 22 * S);
        assertThat(instance.dualMasterPeer()).isNull();
        assertThat(sink.dualMasterEvents.get(1).reason()).isEqualTo(DualMasterEvent.CloseReason.PEER_RELEASED);
        assertThat(instance.stats().dualMasterEpisodes()).isEqualTo(1);
    }

    @Test
    void steppingDownOnAHigherPriorityAdvertIsNotCounted() {
        VrrpInstance instance = master();
        receive(instance, advert("192.0.2.2", 2, 200, 1), masterAt + 60 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(instance.stats().dualMasterEpisodes()).isZero();
        assertThat(sink.dualMasterEvents).isEmpty();
    }

    @Test
    void withStepDownAdvertAMasterSendsOneAdvertAtItsPriorityBeforeSteppingDown() {
        VrrpInstance instance = master(settings().priority(150).stepDownAdvert(true).build());
        receive(instance, advert("192.0.2.2", 2, 200, 1), masterAt + 60 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        // The advert goes out before the VIPs are removed, and it is the only advert: no priority 0.
        assertThat(sink.actions).filteredOn(action -> action.startsWith("advert")).containsExactly("advert prio=150");
        assertThat(sink.actions.indexOf("advert prio=150")).isZero();
        assertThat(sink.logs).contains("(VI_1) Entering BACKUP STATE");
        // The node that steps down still records nothing; the winner is the single source.
        assertThat(instance.stats().dualMasterEpisodes()).isZero();
        assertThat(sink.dualMasterEvents).isEmpty();
    }

    @Test
    void withStepDownAdvertEqualPriorityAndAHigherAddressAlsoGetsTheAdvert() {
        VrrpInstance instance = master(settings().priority(150).stepDownAdvert(true).build());
        receive(instance, advert("192.0.2.9", 2, 150, 1), masterAt + 60 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.actions).filteredOn(action -> action.startsWith("advert")).containsExactly("advert prio=150");
    }

    @Test
    void withoutStepDownAdvertOrHigherPrioSendAdvertAMasterStepsDownSilently() {
        VrrpInstance instance = master(settings().priority(150).stepDownAdvert(false).build());
        receive(instance, advert("192.0.2.2", 2, 200, 1), masterAt + 60 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.actions).noneMatch(action -> action.startsWith("advert"));
    }

    @Test
    void stepDownAdvertAndHigherPrioSendAdvertTogetherSendOneAdvertNotTwo() {
        VrrpInstance instance = master(settings().priority(150).stepDownAdvert(true).higherPrioSendAdvert(true).build());
        receive(instance, advert("192.0.2.2", 2, 200, 1), masterAt + 60 * S);
        assertThat(sink.actions).filteredOn(action -> action.startsWith("advert")).containsExactly("advert prio=150");
    }

    @Test
    void aBackupThatHearsAHigherMasterSendsNothing() {
        VrrpInstance instance = new VrrpInstance(settings().priority(150).stepDownAdvert(true).build(), sink);
        instance.handle(new Start(true), T0);
        sink.clear();
        receive(instance, advert("192.0.2.2", 2, 200, 1), T0 + S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.actions).isEmpty();
    }

    @Test
    void equalPriorityCountsOnTheHigherAddressOnly() {
        VrrpInstance instance = master();
        receive(instance, advert("192.0.2.0", 2, 150, 1), masterAt + 10 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(sink.logs).contains(
                "(VI_1) dual master detected: 192.0.2.0 also advertises as master (priority 150, ours 150)");
        receive(instance, advert("192.0.2.9", 2, 150, 1), masterAt + 11 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(sink.dualMasterEvents).extracting(DualMasterEvent::reason)
                .containsExactly(null, DualMasterEvent.CloseReason.LEFT_MASTER);
        assertThat(instance.stats().dualMasterEpisodes()).isEqualTo(1);
    }

    @Test
    void leavingMasterClosesTheEpisodeWithItsLogLineOnce() {
        VrrpInstance instance = master(settings().priority(150)
                .trackers(java.util.List.of(new TrackerSettings("chk", 0, false))).build());
        receive(instance, advert("192.0.2.2", 2, 100, 1), masterAt + 10 * S);
        receive(instance, advert("192.0.2.2", 2, 100, 1), masterAt + 11 * S);
        instance.handle(new TrackerChanged("chk", false), masterAt + 11 * S + 500_000_000L);
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        assertThat(dualMasterLogs("ended")).isEqualTo(1);
        assertThat(sink.logs).contains("(VI_1) dual master ended: 192.0.2.2 advertised as master for 1.000s"
                + " (we left MASTER)");
        assertThat(instance.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        instance.handle(new Stop(true), masterAt + 20 * S);
        assertThat(dualMasterLogs("ended")).isEqualTo(1);
    }

    @Test
    void aNewEpisodeAfterTheFirstClosedIsCountedAgainAndDurationsAdd() {
        VrrpInstance instance = master();
        long first = masterAt + 10 * S;
        receive(instance, advert("192.0.2.2", 2, 100, 1), first);
        receive(instance, advert("192.0.2.2", 2, 100, 1), first + 2 * S);
        runTimers(instance, first + 20 * S);
        receive(instance, advert("192.0.2.2", 2, 100, 1), first + 30 * S);
        receive(instance, advert("192.0.2.2", 2, 100, 1), first + 33 * S);
        assertThat(instance.stats().dualMasterEpisodes()).isEqualTo(2);
        assertThat(instance.stats().dualMasterNanos()).isEqualTo(5 * S);
        assertThat(dualMasterLogs("detected")).isEqualTo(2);
    }

    @Test
    void aThirdMasterExtendsTheSameEpisodeAndBecomesTheReportedPeer() {
        VrrpInstance instance = master();
        receive(instance, advert("192.0.2.2", 2, 100, 1), masterAt + 10 * S);
        receive(instance, advert("192.0.2.3", 2, 120, 1), masterAt + 11 * S);
        assertThat(instance.dualMasterPeer()).isEqualTo(Peer.ip("192.0.2.3"));
        assertThat(instance.stats().dualMasterEpisodes()).isEqualTo(1);
        assertThat(instance.stats().dualMasterNanos()).isEqualTo(S);
        assertThat(dualMasterLogs("detected")).isEqualTo(1);
    }

    @Test
    void aBackupNeverCounts() {
        VrrpInstance instance = new VrrpInstance(settings().priority(150).build(), sink);
        instance.handle(new Start(true), T0);
        receive(instance, advert("192.0.2.2", 2, 200, 1), T0 + S);
        receive(instance, advert("192.0.2.3", 2, 100, 1), T0 + 2 * S);
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(instance.stats().dualMasterEpisodes()).isZero();
    }
}
