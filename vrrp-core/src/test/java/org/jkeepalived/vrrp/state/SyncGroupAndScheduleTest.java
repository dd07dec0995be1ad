package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jkeepalived.vrrp.state.Peer.advert;
import static org.jkeepalived.vrrp.state.Peer.ip;
import static org.jkeepalived.vrrp.state.Peer.settings;
import static org.jkeepalived.vrrp.state.Peer.vip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.codec.Destination;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.state.InstanceEvent.AdvertReceived;
import org.jkeepalived.vrrp.state.InstanceEvent.LinkChanged;
import org.jkeepalived.vrrp.state.InstanceEvent.Start;
import org.jkeepalived.vrrp.state.InstanceEvent.TimerExpired;
import org.jkeepalived.vrrp.state.InstanceEvent.TrackerChanged;
import org.junit.jupiter.api.Test;

/** Sync groups, the GARP/NA schedule, unicast peers and the instance-level receive checks. */
class SyncGroupAndScheduleTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_000 * S;

    private final List<String> groupLog = new ArrayList<>();
    private final List<String> groupNotifications = new ArrayList<>();
    private final SyncGroupSink groupSink = new SyncGroupSink() {
        @Override
        public void notify(NotifyEvent event) {
            groupNotifications.add(event.name());
        }

        @Override
        public void log(String line) {
            groupLog.add(line);
        }
    };

    @Test
    void memberGoesMasterOnlyWhenEveryMemberWantsTo() {
        RecordingSink sinkA = new RecordingSink();
        RecordingSink sinkB = new RecordingSink();
        VrrpInstance a = new VrrpInstance(settings().priority(150).build(), sinkA);
        VrrpInstance b = new VrrpInstance(InstanceSettings.builder("VI_2", 52).priority(150)
                .virtualAddresses(List.of(vip("192.0.2.101"))).sourceMac(Peer.MAC_LOCAL)
                .sourceAddress(ip("192.0.2.1")).build(), sinkB);
        SyncGroup group = new SyncGroup("SG1", false, groupSink);
        group.add(a);
        group.add(b);
        a.handle(new Start(true), T0);
        b.handle(new Start(true), T0 + 500 * MS);
        // A's timer expires first: B still waits, so A is held in BACKUP.
        a.handle(TimerExpired.INSTANCE, a.nextDeadlineNanos());
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        // B's timer expires: everyone wants MASTER now, both go.
        b.handle(TimerExpired.INSTANCE, b.nextDeadlineNanos());
        assertThat(b.state()).isEqualTo(VrrpState.MASTER);
        assertThat(a.state()).isEqualTo(VrrpState.MASTER);
        assertThat(groupLog).containsExactly("VRRP_Group(SG1) Syncing instances to MASTER state");

        // A higher-priority master for A's VRID: both go BACKUP.
        a.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1)), T0 + 10 * S);
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(groupLog).contains("VRRP_Group(SG1) Syncing instances to BACKUP state");
        assertThat(groupNotifications).containsExactly("BACKUP", "MASTER", "BACKUP");

        // Now a member's own fault while both are MASTER: FAULT for all, priority 0 twice from the
        // member at fault (as 2.2.7) and once from the member synced to FAULT.
        b.handle(TimerExpired.INSTANCE, b.nextDeadlineNanos());
        a.handle(TimerExpired.INSTANCE, a.nextDeadlineNanos());
        assertThat(a.state()).isEqualTo(VrrpState.MASTER);
        assertThat(b.state()).isEqualTo(VrrpState.MASTER);
        sinkA.clear();
        sinkB.clear();
        a.handle(new LinkChanged(false), T0 + 30 * S);
        assertThat(sinkA.count("advert prio=0")).isEqualTo(2);
        assertThat(sinkB.count("advert prio=0")).isEqualTo(1);
        assertThat(groupLog).contains("VRRP_Group(SG1) Syncing instances to FAULT state");
        assertThat(groupNotifications).endsWith("FAULT");
    }

    @Test
    void faultInOneMemberFaultsTheGroupUntilItClears() {
        RecordingSink sinkA = new RecordingSink();
        RecordingSink sinkB = new RecordingSink();
        VrrpInstance a = new VrrpInstance(settings().build(), sinkA);
        VrrpInstance b = new VrrpInstance(InstanceSettings.builder("VI_2", 52)
                .virtualAddresses(List.of(vip("192.0.2.101"))).sourceMac(Peer.MAC_LOCAL)
                .sourceAddress(ip("192.0.2.1")).build(), sinkB);
        SyncGroup group = new SyncGroup("SG1", false, groupSink);
        group.add(a);
        group.add(b);
        a.handle(new Start(true), T0);
        b.handle(new Start(true), T0);
        a.handle(new LinkChanged(false), T0 + S);
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        assertThat(b.state()).isEqualTo(VrrpState.FAULT);
        assertThat(sinkB.notifications).contains("FAULT 100");
        a.handle(new LinkChanged(true), T0 + 2 * S);
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void trackerWeightsInASyncGroupAreIgnoredUnlessTrackingWeightIsSet() {
        InstanceSettings weighted = settings().priority(100)
                .trackers(List.of(new TrackerSettings("chk", -30, false))).build();
        VrrpInstance plain = new VrrpInstance(weighted, new RecordingSink());
        new SyncGroup("SG1", false, groupSink).add(plain);
        plain.handle(new Start(true), T0);
        plain.handle(new TrackerChanged("chk", false), T0 + S);
        assertThat(plain.effectivePriority()).isEqualTo(100);
        assertThat(plain.state()).isEqualTo(VrrpState.FAULT);

        VrrpInstance tracking = new VrrpInstance(weighted, new RecordingSink());
        new SyncGroup("SG2", true, groupSink).add(tracking);
        tracking.handle(new Start(true), T0);
        tracking.handle(new TrackerChanged("chk", false), T0 + S);
        assertThat(tracking.effectivePriority()).isEqualTo(70);
        assertThat(tracking.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void garpScheduleFollowsDelayRepeatRefreshAndInterval() {
        RecordingSink sink = new RecordingSink();
        GarpSettings garp = new GarpSettings(5 * S, 3, 60 * S, 2, 0, 0, 10 * MS);
        VrrpInstance instance = new VrrpInstance(settings().priority(255).wantMaster(true).garp(garp)
                .virtualAddresses(List.of(vip("192.0.2.100"), vip("192.0.2.101"))).build(), sink);
        instance.handle(new Start(true), T0);
        long now = T0 + 1_000;
        instance.handle(TimerExpired.INSTANCE, now);
        List<Long> garpTimes = new ArrayList<>();
        garpTimes.add(now);
        // Drive the timers for 61 s and record when each GARP frame goes out.
        for (int i = 0; i < 10_000 && now < T0 + 61 * S; i++) {
            int before = (int) sink.count("garp");
            now = instance.nextDeadlineNanos();
            instance.handle(TimerExpired.INSTANCE, now);
            for (long k = sink.count("garp"); k > before; k--) {
                garpTimes.add(now);
            }
        }
        // First burst: 3 × 2 VIPs spaced 10 ms; second burst 5 s later; refresh 60 s later, 2 × 2 frames.
        assertThat(sink.count("garp")).isEqualTo(6 + 6 + 4);
        assertThat(garpTimes.get(1) - garpTimes.get(0)).isEqualTo(10 * MS);
        assertThat(garpTimes.get(6) - (T0 + 1_000)).isEqualTo(5 * S);
        assertThat(garpTimes.get(12) - (T0 + 1_000)).isEqualTo(60 * S);
    }

    @Test
    void lowerPriorityAdvertTriggersTheLowerPriorityBursts() {
        RecordingSink sink = new RecordingSink();
        GarpSettings garp = new GarpSettings(0, 1, 0, 1, 2 * S, 2, 0);
        VrrpInstance instance = new VrrpInstance(settings().priority(255).wantMaster(true).garp(garp).build(), sink);
        instance.handle(new Start(true), T0);
        instance.handle(TimerExpired.INSTANCE, T0 + 1_000);
        sink.clear();
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 100, 1)), T0 + S);
        assertThat(sink.count("garp")).isEqualTo(2);
        instance.handle(TimerExpired.INSTANCE, T0 + 3 * S);
        assertThat(sink.count("garp")).isEqualTo(4);
    }

    @Test
    void unsolicitedNaCarriesTheRouterFlagWhenForwarding() {
        RecordingSink sink = new RecordingSink();
        VrrpInstance instance = new VrrpInstance(InstanceSettings.builder("VI_6", 60).version(3)
                .family(IpFamily.IPV6).priority(255).wantMaster(true).ipv6Router(true)
                .virtualAddresses(List.of(vip("fe80::60"))).sourceMac(Peer.MAC_LOCAL)
                .sourceAddress(ip("fe80::1")).garp(new GarpSettings(0, 1, 0, 1, 0, 0, 0)).build(), sink);
        instance.handle(new Start(true), T0);
        instance.handle(TimerExpired.INSTANCE, T0 + 1_000);
        byte[] na = sink.frames.get(sink.frames.size() - 1);
        assertThat(na[14 + 40]).isEqualTo((byte) 136);
        assertThat(na[14 + 40 + 4] & 0xff).isEqualTo(0xa0);
    }

    @Test
    void unicastSendsOneCopyPerResolvedPeer() {
        RecordingSink sink = new RecordingSink();
        sink.peerMacs.put(ip("192.0.2.2"), Peer.MAC_REMOTE);
        sink.peerMacs.put(ip("192.0.2.3"), new byte[] {2, 0, 0, 0, 0, 3});
        VrrpInstance instance = new VrrpInstance(settings().priority(255).wantMaster(true)
                .unicastPeers(List.of(ip("192.0.2.2"), ip("192.0.2.3"), ip("192.0.2.4"))).build(), sink);
        instance.handle(new Start(true), T0);
        instance.handle(TimerExpired.INSTANCE, T0 + 1_000);
        assertThat(sink.actions).contains("advert prio=255 to=192.0.2.2", "advert prio=255 to=192.0.2.3");
        assertThat(sink.actions).noneMatch(a -> a.contains("192.0.2.4"));
        assertThat(instance.stats().advertSent()).isEqualTo(1);
    }

    @Test
    void unicastSourceAndTtlChecks() {
        VrrpInstance instance = new VrrpInstance(settings().priority(100).checkUnicastSource(true).ttlRange(250, 255)
                .unicastPeers(List.of(ip("192.0.2.2"))).build(), new RecordingSink());
        instance.handle(new Start(true), T0);
        Destination toUs = Destination.unicast(Peer.MAC_LOCAL, ip("192.0.2.1"));
        instance.handle(new AdvertReceived(advert("192.0.2.9", 2, 200, 1, AuthType.NONE, null, toUs, 255,
                "192.0.2.100")), T0 + S);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1, AuthType.NONE, null, toUs, 64,
                "192.0.2.100")), T0 + S);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1)), T0 + S);
        assertThat(instance.stats().rejected(AdvertCheck.UNICAST_SOURCE)).isEqualTo(1);
        assertThat(instance.stats().rejected(AdvertCheck.UNICAST_TTL)).isEqualTo(1);
        assertThat(instance.stats().byKeepalivedName("ip_ttl_err")).isEqualTo(1);
        assertThat(instance.stats().byKeepalivedName("addr_list_err")).isEqualTo(1);
        long before = instance.nextDeadlineNanos();
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1, AuthType.NONE, null, toUs, 255,
                "192.0.2.100")), T0 + 2 * S);
        assertThat(instance.nextDeadlineNanos()).isGreaterThan(before);
    }

    @Test
    void authenticationChecksCountUnderKeepalivedNames() {
        byte[] password = "secret".getBytes(StandardCharsets.US_ASCII);
        VrrpInstance instance = new VrrpInstance(settings().auth(AuthType.PASS, password).build(), new RecordingSink());
        instance.handle(new Start(true), T0);
        Destination m = Destination.multicast(IpFamily.IPV4);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1)), T0 + S);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1, AuthType.PASS,
                "wrong".getBytes(StandardCharsets.US_ASCII), m, 255, "192.0.2.100")), T0 + S);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 3, 200, 100)), T0 + S);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1, AuthType.PASS, password, m, 255,
                "192.0.2.200")), T0 + S);
        assertThat(instance.stats().byKeepalivedName("authtype_mismatch")).isEqualTo(1);
        assertThat(instance.stats().byKeepalivedName("auth_failure")).isEqualTo(1);
        assertThat(instance.stats().rejected(AdvertCheck.VERSION_MISMATCH)).isEqualTo(1);
        assertThat(instance.stats().byKeepalivedName("addr_list_err")).isEqualTo(1);
        assertThat(instance.stats().advertRcvd()).isEqualTo(1);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1, AuthType.PASS, password, m, 255,
                "192.0.2.100")), T0 + S);
        assertThat(instance.stats().advertRcvd()).isEqualTo(2);
    }

    @Test
    void ahAuthenticatedAdvertsAreVerified() {
        byte[] password = "secret2".getBytes(StandardCharsets.US_ASCII);
        VrrpInstance instance = new VrrpInstance(settings().auth(AuthType.AH, password).build(), new RecordingSink());
        instance.handle(new Start(true), T0);
        Destination m = Destination.multicast(IpFamily.IPV4);
        long before = instance.nextDeadlineNanos();
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1, AuthType.AH, password, m, 255,
                "192.0.2.100")), T0 + S);
        assertThat(instance.nextDeadlineNanos()).isGreaterThan(before);
        instance.handle(new AdvertReceived(advert("192.0.2.2", 2, 200, 1, AuthType.AH,
                "other".getBytes(StandardCharsets.US_ASCII), m, 255, "192.0.2.100")), T0 + S);
        assertThat(instance.stats().byKeepalivedName("auth_failure")).isEqualTo(1);
    }
    @Test
    void replayedAhAdvertIsAnAuthFailure() {
        byte[] password = "secret2".getBytes(StandardCharsets.US_ASCII);
        VrrpInstance instance = new VrrpInstance(settings().auth(AuthType.AH, password).build(), new RecordingSink());
        instance.handle(new Start(true), T0);
        Destination m = Destination.multicast(IpFamily.IPV4);
        var advert = advert("192.0.2.2", 2, 200, 1, AuthType.AH, password, m, 255, "192.0.2.100");
        instance.handle(new AdvertReceived(advert), T0 + S);
        instance.handle(new AdvertReceived(advert), T0 + 2 * S);
        assertThat(instance.stats().byKeepalivedName("auth_failure")).isEqualTo(1);
        assertThat(instance.stats().advertRcvd()).isEqualTo(1);
    }
    @Test
    void unicastPeerWithTheOldChecksumSwitchesUsToIt() {
        RecordingSink sink = new RecordingSink();
        sink.peerMacs.put(ip("192.0.2.2"), Peer.MAC_REMOTE);
        VrrpInstance instance = new VrrpInstance(settings().version(3).priority(100)
                .unicastPeers(List.of(ip("192.0.2.2"))).build(), sink);
        instance.handle(new Start(true), T0);
        Destination toUs = Destination.unicast(Peer.MAC_LOCAL, ip("192.0.2.1"));
        var oldForm = new org.jkeepalived.vrrp.codec.AdvertTemplate(IpFamily.IPV4, 3, 51, AuthType.NONE, null,
                List.of(ip("192.0.2.100")), Peer.MAC_REMOTE, ip("192.0.2.2"), 255,
                org.jkeepalived.vrrp.codec.ChecksumForm.OLD_UNICAST);
        byte[] frame = new byte[new org.jkeepalived.vrrp.codec.AdvertEncoder(oldForm).frameLength()];
        new org.jkeepalived.vrrp.codec.AdvertEncoder(oldForm).encodeInto(frame, 0, 50, 100, 1, 0, toUs);
        var view = new org.jkeepalived.vrrp.codec.AdvertView();
        assertThat(view.wrapFrame(frame, 0, frame.length)).isEqualTo(AdvertCheck.VALID);
        instance.handle(new AdvertReceived(view), T0 + S);
        assertThat(sink.logs).contains("(VI_1) Setting unicast VRRPv3 checksum to old version");
        // Lower priority was discarded: we preempt, and our adverts now carry the old checksum.
        instance.handle(TimerExpired.INSTANCE, instance.nextDeadlineNanos());
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        byte[] sent = sink.frames.get(0);
        var ours = new org.jkeepalived.vrrp.codec.AdvertView();
        assertThat(ours.wrapFrame(sent, 0, sent.length)).isEqualTo(AdvertCheck.VALID);
        assertThat(ours.checksumForm()).isEqualTo(org.jkeepalived.vrrp.codec.ChecksumForm.OLD_UNICAST);
        // From now on the new form is a checksum error.
        instance.handle(new AdvertReceived(advert("192.0.2.2", 3, 200, 100, AuthType.NONE, null, toUs, 255,
                "192.0.2.100")), T0 + 10 * S);
        assertThat(instance.stats().byKeepalivedName("chk_err")).isEqualTo(1);
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
    }
}
