package org.jkeepalived.daemon.control;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.jkeepalived.daemon.track.FileTracker;
import org.jkeepalived.daemon.track.ProcessTracker;
import org.jkeepalived.daemon.track.ScriptTracker;
import org.jkeepalived.daemon.track.TrackedInterface;
import org.jkeepalived.daemon.track.TrackedSource;
import org.jkeepalived.daemon.track.TrackerSet;
import org.jkeepalived.daemon.vrrp.InstanceRuntime;
import org.jkeepalived.daemon.vrrp.VrrpService;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.jkeepalived.vrrp.state.InstanceSettings;
import org.jkeepalived.vrrp.state.InstanceStats;
import org.jkeepalived.vrrp.state.SyncGroup;
import org.jkeepalived.vrrp.state.VrrpInstance;
import org.jkeepalived.vrrp.state.VrrpState;
import org.jkeepalived.vrrp.state.VrrpTimers;

/**
 * Copies the live VRRP state into a {@link Snapshot}. Loop thread only: it reads
 * {@link VrrpInstance}, {@link InstanceStats} and the trackers, none of which are thread-safe.
 */
final class SnapshotBuilder {

    private SnapshotBuilder() {
    }

    /**
     * @param demotedUntil for an instance name, the wall-clock end of its timed demotion (0 for none)
     */
    static Snapshot build(VrrpService vrrp, Snapshot.DaemonInfo daemon, ToLongFunction<String> demotedUntil) {
        List<Snapshot.InstanceStatus> instances = new ArrayList<>();
        for (InstanceRuntime runtime : vrrp.instances().values()) {
            instances.add(instance(runtime, vrrp.trackerSetOf(runtime), demotedUntil.applyAsLong(runtime.name())));
        }
        List<Snapshot.GroupStatus> groups = new ArrayList<>();
        for (SyncGroup group : vrrp.syncGroups().values()) {
            groups.add(new Snapshot.GroupStatus(group.name(), group.state().name(),
                    group.members().stream().map(VrrpInstance::name).toList()));
        }
        return new Snapshot(System.currentTimeMillis(), daemon, instances, groups);
    }

    private static Snapshot.InstanceStatus instance(InstanceRuntime runtime, TrackerSet trackers, long demotedUntil) {
        VrrpInstance core = runtime.core();
        InstanceSettings settings = core.settings();
        InstanceStats stats = core.stats();
        boolean master = core.state() == VrrpState.MASTER;
        List<Snapshot.VipStatus> vips = new ArrayList<>();
        boolean held = master && runtime.addressErrors() == 0;
        for (VirtualAddress vip : settings.virtualAddresses()) {
            vips.add(new Snapshot.VipStatus(vip.address().getHostAddress() + "/" + vip.prefixLength(), vip.device(), held));
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (AdvertCheck reason : AdvertCheck.values()) {
            if (reason != AdvertCheck.VALID) {
                rejected.put(reason.name(), stats.rejected(reason));
            }
        }
        InetAddress masterAddress = core.masterAddress();
        InetAddress dualMasterPeer = core.dualMasterPeer();
        long masterDownNanos = VrrpTimers.masterDownNanos(settings.version(), core.effectivePriority(),
                core.masterAdvertIntervalCentis(), settings.downTimerAdverts());
        return new Snapshot.InstanceStatus(runtime.name(), settings.vrid(), runtime.receiveDevice(),
                settings.family() == IpFamily.IPV6 ? "inet6" : "inet", settings.version(), core.state().name(),
                core.basePriority(), core.effectivePriority(), core.demoted(), core.demoted() ? demotedUntil : 0,
                masterAddress == null ? null : masterAddress.getHostAddress(),
                core.masterAdvertIntervalCentis() * 10L, masterDownNanos / 1_000_000, vips, runtime.transitions(),
                runtime.lastTransitionMillis(), stats.asKeepalivedMap(), stats.garpSent(), rejected,
                stats.dualMasterEpisodes(), stats.dualMasterNanos() / 1e9,
                dualMasterPeer == null ? null : dualMasterPeer.getHostAddress(), trackers(trackers));
    }

    private static List<Snapshot.TrackerStatus> trackers(TrackerSet set) {
        List<Snapshot.TrackerStatus> out = new ArrayList<>();
        for (TrackerSet.Entry entry : set.entries()) {
            TrackedSource source = entry.source();
            String state;
            boolean up;
            if (source instanceof ScriptTracker script) {
                state = script.status().name();
                up = script.status() == ScriptTracker.Status.GOOD;
            } else if (source instanceof TrackedInterface iface) {
                up = iface.up();
                state = up ? "UP" : "DOWN";
            } else if (source instanceof ProcessTracker process) {
                up = process.up();
                state = up ? "UP" : "DOWN";
            } else if (source instanceof FileTracker file) {
                up = file.value() == 0;
                state = Long.toString(file.value());
            } else {
                up = !source.faults(entry.weight(), entry.reverse());
                state = up ? "UP" : "DOWN";
            }
            out.add(new Snapshot.TrackerStatus(source.name(), entry.kind().name().toLowerCase(java.util.Locale.ROOT),
                    state, up, entry.weight()));
        }
        return out;
    }
}
