package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jkeepalived.config.ConfigError;
import org.jkeepalived.config.model.AddressFamily;
import org.jkeepalived.config.model.Authentication;
import org.jkeepalived.config.model.AuthHmac;
import org.jkeepalived.config.model.GarpSettings;
import org.jkeepalived.config.model.TrackedItem;
import org.jkeepalived.config.model.UseVmac;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpState;
import org.jkeepalived.config.model.VrrpSyncGroup;
import org.jkeepalived.config.parse.Drafts.GlobalDraft;
import org.jkeepalived.config.parse.Drafts.InstanceDraft;
import org.jkeepalived.config.parse.Drafts.SyncGroupDraft;

/**
 * The VRRP checks keepalived makes after parsing ({@code vrrp_complete_init},
 * {@code vrrp_complete_instance}), in keepalived's order, producing the effective instances.
 * keepalived stops validating at the first instance it rejects; {@link #stopped()} tells.
 */
final class VrrpValidator {
    private static final long TIMER_HZ = Numbers.TIMER_HZ;
    private static final long CENTI = TIMER_HZ / 100;

    private final Drafts drafts;
    private final GlobalDraft global;
    private final Reporter out;
    private final List<VrrpInstance> instances = new ArrayList<>();
    private final List<VrrpSyncGroup> groups = new ArrayList<>();
    private final Map<String, String> groupOf = new HashMap<>();
    private final java.util.Set<String> usedVmacNames = new java.util.HashSet<>();
    /** Sync groups with sync_group_tracking_weight (their members keep tracker weights). */
    private final java.util.Set<String> weightedGroups = new java.util.HashSet<>();
    private final org.jkeepalived.config.HostInterfaces interfaces;
    private boolean stopped;

    VrrpValidator(Drafts drafts, org.jkeepalived.config.HostInterfaces interfaces, Reporter out) {
        this.drafts = drafts;
        this.interfaces = interfaces;
        this.global = drafts.global;
        this.out = out;
    }

    List<VrrpInstance> instances() {
        return instances;
    }

    List<VrrpSyncGroup> groups() {
        return groups;
    }

    boolean stopped() {
        return stopped;
    }

    /** Runs the whole validation. */
    void run() {
        for (InstanceDraft d : drafts.instances) {
            if (d.vrid == 0) {
                out.report(GENERAL_ERROR, "(" + d.name + ") the virtual router id must be set");
                stopped = true;
                return;
            }
            if (d.interfaceName == null) {
                out.report(GENERAL_ERROR, "(" + d.name + ") Unknown interface!");
                stopped = true;
                return;
            }
        }
        syncGroups();
        for (InstanceDraft d : drafts.instances) {
            VrrpInstance vi = complete(d);
            if (vi == null) {
                stopped = true;
                return;
            }
            instances.add(vi);
        }
        if (new VridConflicts(global, interfaces, out).found(instances)) {
            stopped = true;
            return;
        }
        settleSyncGroupStates();
    }


    /**
     * keepalived's start-up rule: in the first sync group having both a member that wants MASTER
     * and one that is BACKUP or not address owner, every member starts as BACKUP.
     */
    private void settleSyncGroupStates() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < instances.size(); i++) {
            index.put(instances.get(i).name(), i);
        }
        for (VrrpSyncGroup g : groups) {
            boolean haveMaster = false;
            boolean haveBackup = false;
            for (String m : g.members()) {
                Integer at = index.get(m);
                if (at == null) {
                    continue;
                }
                VrrpInstance vi = instances.get(at);
                haveBackup |= vi.state() == VrrpState.BACKUP || vi.priority() != 255;
                haveMaster |= vi.state() == VrrpState.MASTER;
            }
            if (haveMaster && haveBackup) {
                for (String m : g.members()) {
                    Integer at = index.get(m);
                    if (at != null && instances.get(at).state() == VrrpState.MASTER) {
                        instances.set(at, withState(instances.get(at), VrrpState.BACKUP));
                    }
                }
                return;
            }
        }
    }

    private static VrrpInstance withState(VrrpInstance v, VrrpState state) {
        return new VrrpInstance(v.name(), state, v.priority(), v.virtualRouterId(), v.interfaceName(), v.family(),
                v.version(), v.advertIntervalMicros(), v.virtualIps(), v.excludedVirtualIps(), v.virtualRoutes(),
                v.virtualRules(), v.authentication(), v.authHmac(), v.nopreempt(), v.preemptDelayMicros(), v.garp(),
                v.downTimerAdverts(), v.lowerPrioNoAdvert(), v.higherPrioSendAdvert(), v.accept(), v.strictMode(),
                v.unicastPeers(), v.unicastSrcIp(), v.mcastDstIp(), v.unicastTtl(), v.trackedInterfaces(),
                v.trackedScripts(), v.trackedFiles(), v.trackedProcesses(), v.trackedBfds(), v.notifyScripts(),
                v.smtpAlert(), v.useVmac(), v.dontTrackPrimary(), v.promoteSecondaries(), v.syncGroup(),
                v.otherSettings());
    }

    /** Builds every instance keepalived would accept, without stopping at a rejected one. */
    void runLenient() {
        syncGroups();
        for (InstanceDraft d : drafts.instances) {
            if (d.vrid == 0 || (d.interfaceName == null && d.peers.isEmpty() && d.unicastSrcIp == null)) {
                continue;
            }
            VrrpInstance vi = complete(d);
            if (vi != null) {
                instances.add(vi);
            }
        }
        settleSyncGroupStates();
    }

    private void syncGroups() {
        for (SyncGroupDraft g : drafts.syncGroups) {
            if (g.members.isEmpty()) {
                out.report(GENERAL_ERROR, "Sync group " + g.name + " has no virtual router(s). removing");
                continue;
            }
            List<String> members = new ArrayList<>();
            for (String m : g.members) {
                if (!drafts.instanceNames.contains(m)) {
                    out.report(GENERAL_ERROR, "Virtual router " + m + " specified in sync group " + g.name
                            + " doesn't exist - ignoring");
                } else if (groupOf.containsKey(m)) {
                    out.report(GENERAL_ERROR, "Virtual router " + m + " cannot exist in more than one sync group; ignoring "
                            + g.name);
                } else {
                    members.add(m);
                    groupOf.put(m, g.name);
                }
            }
            if (members.isEmpty()) {
                out.report(GENERAL_ERROR, "Sync group " + g.name + ", no matching virtual router found in group declaration - removing");
                continue;
            }
            if (members.size() == 1) {
                out.report(GENERAL_ERROR, "Sync group " + g.name + " has only 1 virtual router(s) - this probably isn't what you want");
            }
            if (g.trackingWeight) {
                weightedGroups.add(g.name);
            }
            groups.add(new VrrpSyncGroup(g.name, members, g.trackIfs, g.trackScripts, g.trackFiles, g.trackProcesses,
                    g.trackBfds, g.notify, g.smtpAlert, g.trackingWeight));
        }
    }

    /** One instance; null when keepalived rejects it (which stops the VRRP process). */
    private VrrpInstance complete(InstanceDraft d) {
        boolean strict = d.strict != null ? d.strict : global.strict;
        AddressFamily family = d.family == null ? AddressFamily.IPV4 : AddressFamily.valueOf(d.family);
        int version = d.version;
        if (family == AddressFamily.IPV6) {
            if (version == 2 && strict) {
                out.report(GENERAL_ERROR, "(" + d.name + ") cannot use IPv6 with VRRP version 2; setting version 3");
                version = 3;
            } else if (version == 0) {
                version = 3;
            }
        }
        if (version == 0) {
            version = global.vrrpVersion;
        }
        if (d.vips.isEmpty() && !(d.settings.containsKey("no_virtual_ipaddress") && !strict)) {
            if (version == 3 || strict) {
                out.report(GENERAL_ERROR, "(" + d.name + ") No VIP specified; at least one is required");
                return null;
            }
            out.report(GENERAL_ERROR, "(" + d.name + ") No VIP specified; at least one is sensible");
        }
        int priority = d.priority != 0 ? d.priority : "MASTER".equals(d.state) ? 255 : 100;
        VrrpState state;
        if (d.state == null) {
            state = priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
        } else {
            state = VrrpState.valueOf(d.state);
            if (strict && ((state == VrrpState.MASTER) != (priority == 255))) {
                out.report(GENERAL_ERROR, "(" + d.name + ") State MASTER must match being address owner");
                state = priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
            }
        }
        Authentication auth = authentication(d, strict, version, family, priority, state);
        if (auth.type() == Authentication.Type.AH && state == VrrpState.MASTER && priority != 255) {
            state = VrrpState.BACKUP;
        }
        if (d.interfaceName == null && d.unicastSrcIp == null) {
            out.report(GENERAL_ERROR, "(" + d.name + "): Unicast instances must have unicast_src_ip or interface");
            return null;
        }
        if (d.unicastConfigured && d.peers.isEmpty() && !d.unicastFaultNoPeer) {
            out.report(ConfigError.DEPRECATED, "(" + d.name + ") A unicast keyword has been specified without any unicast "
                    + "peers. Defaulting to multicast. This usage is deprecated - please update your configuration.");
        }
        if (family == AddressFamily.IPV6 && d.peers.isEmpty() && !d.vips.isEmpty()
                && !Addresses.isIpv6LinkLocal(d.vips.get(0).address()) && strict) {
            out.report(GENERAL_ERROR, "(" + d.name + ") the first IPv6 VIP address must be link local");
        }
        return finish(d, strict, family, version, priority, state, auth);
    }

    private Authentication authentication(InstanceDraft d, boolean strict, int version, AddressFamily family,
                                          int priority, VrrpState state) {
        if (d.authType == null) {
            return Authentication.NONE;
        }
        if (strict) {
            out.report(GENERAL_ERROR, "(" + d.name + ") Strict mode does not support authentication. Ignoring.");
            return Authentication.NONE;
        }
        if (version == 3) {
            out.report(GENERAL_ERROR, "(" + d.name + ") VRRP version 3 does not support authentication. Ignoring.");
            return Authentication.NONE;
        }
        if (d.authPass.isEmpty()) {
            out.report(GENERAL_ERROR, "(" + d.name + ") Authentication specified but no password given. Ignoring");
            return Authentication.NONE;
        }
        if (family == AddressFamily.IPV6 && d.authType.equals("AH")) {
            out.report(GENERAL_ERROR, "(" + d.name + ") Cannot use AH authentication with IPv6. ignoring");
            return Authentication.NONE;
        }
        if (d.authType.equals("AH") && state == VrrpState.MASTER && priority != 255) {
            out.report(GENERAL_ERROR, "(" + d.name + ") Initial state master is incompatible with AH authentication - clearing");
        }
        return new Authentication(Authentication.Type.valueOf(d.authType), d.authPass);
    }

    private VrrpInstance finish(InstanceDraft d, boolean strict, AddressFamily family, int version, int priority,
                                VrrpState state, Authentication auth) {
        boolean nopreempt = d.nopreempt;
        long preemptDelay = d.preemptDelay;
        if (priority == 255 && nopreempt) {
            out.report(GENERAL_ERROR, "(" + d.name + ") nopreempt is incompatible with priority 255. resetting nopreempt");
            nopreempt = false;
        }
        if (state == VrrpState.MASTER) {
            if (nopreempt) {
                out.report(GENERAL_ERROR, "(" + d.name + ") Warning - nopreempt will not work with initial state MASTER - clearing");
                nopreempt = false;
            }
            if (preemptDelay != 0) {
                out.report(GENERAL_ERROR, "(" + d.name + ") Warning - preempt delay will not work with initial state MASTER - clearing");
                preemptDelay = 0;
            }
        }
        if (preemptDelay != 0 && strict) {
            out.report(GENERAL_ERROR, "(" + d.name + ") preempt_delay is incompatible with strict mode - resetting");
            preemptDelay = 0;
        }
        if (preemptDelay != 0 && nopreempt) {
            out.report(GENERAL_ERROR, "(" + d.name + ") preempt_delay is incompatible with nopreempt mode - resetting");
            preemptDelay = 0;
        }
        int downTimer = d.downTimerAdverts != null ? d.downTimerAdverts : global.downTimerAdverts;
        if (d.downTimerAdverts != null && d.downTimerAdverts != 3 && strict) {
            out.report(GENERAL_ERROR, "(" + d.name + ") down_timer_adverts is incompatible with strict mode - resetting");
            downTimer = 3;
        }
        boolean accept = d.accept != null ? d.accept : priority == 255 || !strict;
        if (accept && priority != 255 && strict && version == 2) {
            out.report(GENERAL_ERROR, "(" + d.name + ") warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            accept = false;
        }
        String mcastDst = d.mcastDstIp;
        if (!d.peers.isEmpty() && mcastDst != null) {
            out.report(GENERAL_ERROR, "(" + d.name + ") multicast destination specified with unicast - ignoring");
            mcastDst = null;
        }
        GarpSettings garp = garp(d, strict);
        boolean lowerNoAdvert = lowerPrioNoAdvert(d, strict);
        boolean higherSend = higherPrioSendAdvert(d, strict);
        boolean smtp = d.smtpAlert != null ? d.smtpAlert
                : global.smtpAlertVrrp != null ? global.smtpAlertVrrp : global.smtpAlert != null && global.smtpAlert;
        long advert = advertInterval(d, version);
        List<TrackedItem> trackIfs = new ArrayList<>();
        for (TrackedItem t : d.trackIfs) {
            if (t.name().equals(d.interfaceName)) {
                out.report(GENERAL_ERROR, "(" + d.name + ") Ignoring track_interface " + t.name() + " since own interface");
            } else {
                trackIfs.add(t);
            }
        }
        Trackers trackers = unweightedTrackers(d, priority, trackIfs);
        UseVmac vmac = vmac(d, family);
        if (d.useVmac == null && d.settings.containsKey("vmac_xmit_base")) {
            out.report(GENERAL_ERROR, "(" + d.name + ") vmac_xmit_base is only valid with a vmac");
        }
        String vipDev = vmac != null ? vmac.interfaceName() : d.interfaceName;
        List<VirtualIp> vips = withDev(d.vips, vipDev);
        List<VirtualIp> evips = withDev(d.evips, vipDev);
        int ttl = family == AddressFamily.IPV4 && d.unicastTtl == -1 ? 255 : d.unicastTtl;
        AuthHmac hmac = d.hmac ? new AuthHmac(d.hmacKeys, d.hmacActiveKey, d.hmacTimeWindow, d.hmacAntiReplay,
                strict ? "enforce" : d.hmacMode) : null;
        Map<String, java.util.List<String>> other = new LinkedHashMap<>(d.settings);
        return new VrrpInstance(d.name, state, priority, d.vrid, d.interfaceName, family, version, advert, vips, evips,
                d.routes, d.rules, auth, hmac, nopreempt, preemptDelay, garp, downTimer, lowerNoAdvert, higherSend,
                accept, strict, d.peers, d.unicastSrcIp, mcastDst, ttl, trackers.ifs(), trackers.scripts(), trackers.files(), d.trackProcesses, trackers.bfds(),
                d.notify, smtp, vmac, d.dontTrackPrimary, d.promoteSecondaries, groupOf.get(d.name), other);
    }

    private record Trackers(List<TrackedItem> ifs, List<TrackedItem> scripts, List<TrackedItem> files,
                            List<TrackedItem> bfds) {
    }

    /**
     * keepalived ignores tracker weights of sync-group members (unless sync_group_tracking_weight)
     * and of address owners: interface weights are zeroed (owner: the tracker is dropped), weighted
     * scripts and BFDs are dropped, file weights zeroed (default 1) or dropped.
     */
    private Trackers unweightedTrackers(InstanceDraft d, int priority, List<TrackedItem> ifs) {
        String group = groupOf.get(d.name);
        boolean syncNoWeight = group != null && !weightedGroups.contains(group);
        if (!syncNoWeight && priority != 255) {
            return new Trackers(ifs, d.trackScripts, d.trackFiles, d.trackBfds);
        }
        String why = syncNoWeight ? "SYNC group" : "address_owner";
        List<TrackedItem> outIfs = new ArrayList<>();
        for (TrackedItem t : ifs) {
            if (t.weight() != 0) {
                out.report(GENERAL_ERROR, "(" + d.name + ") ignoring " + t.name() + " tracked interface "
                        + (syncNoWeight ? "weight due to SYNC group" : "due to address owner"));
                if (syncNoWeight) {
                    outIfs.add(new TrackedItem(t.name(), 0, t.reverse()));
                }
            } else {
                outIfs.add(t);
            }
        }
        List<TrackedItem> scripts = new ArrayList<>();
        for (TrackedItem t : d.trackScripts) {
            if (t.weight() != 0) {
                out.report(GENERAL_ERROR, "(" + d.name + ") ignoring tracked script " + t.name() + " with weights due to " + why);
            } else {
                scripts.add(t);
            }
        }
        List<TrackedItem> files = new ArrayList<>();
        for (TrackedItem t : d.trackFiles) {
            Drafts.TrackFileDraft f = drafts.trackFiles.get(t.name());
            String fname = f == null || f.file == null ? t.name() : f.file;
            if (t.weight() == 1) {
                out.report(GENERAL_ERROR, "(" + d.name + ") ignoring weight from tracked file " + fname + " due to " + why
                        + ". specify weight 0");
                files.add(new TrackedItem(t.name(), 0, t.reverse()));
            } else if (t.weight() != 0) {
                out.report(GENERAL_ERROR, "(" + d.name + ") ignoring tracked file " + fname + " with weight " + t.weight()
                        + " due to " + why);
            } else {
                files.add(t);
            }
        }
        List<TrackedItem> bfds = new ArrayList<>();
        for (TrackedItem t : d.trackBfds) {
            if (t.weight() != 0) {
                out.report(GENERAL_ERROR, "(" + d.name + ") ignoring tracked bfd " + t.name() + " with weight " + t.weight()
                        + " due to " + why);
            } else {
                bfds.add(t);
            }
        }
        return new Trackers(outIfs, scripts, files, bfds);
    }

    /**
     * The VMAC interface name: the configured one, else {@code vrrp.VRID} ({@code vrrp6.VRID} first
     * for IPv6), or {@code vrrpN.VRID} with the first N not taken by another instance or interface.
     */
    private UseVmac vmac(InstanceDraft d, AddressFamily family) {
        if (d.useVmac == null || d.interfaceName == null) {
            return null;
        }
        if (d.useVmac.interfaceName() != null) {
            usedVmacNames.add(d.useVmac.interfaceName());
            return d.useVmac;
        }
        int num = family == AddressFamily.IPV6 ? 6 : 0;
        for (int tries = 0; tries < 1000; tries++) {
            String name = "vrrp" + (num == 0 ? "" : Integer.toString(num)) + "." + d.vrid;
            if (!usedVmacNames.contains(name) && !interfaces.exists(name)) {
                usedVmacNames.add(name);
                return new UseVmac(name, d.useVmac.mac());
            }
            if (family == AddressFamily.IPV6) {
                num = num == 6 ? 1 : (++num == 6 ? 7 : num);
            } else {
                num++;
            }
        }
        return d.useVmac;
    }

    private static List<VirtualIp> withDev(List<VirtualIp> ips, String dev) {
        List<VirtualIp> out = new ArrayList<>();
        for (VirtualIp v : ips) {
            out.add(v.dev() != null ? v : new VirtualIp(v.address(), v.prefixLength(), v.family(), dev, v.label(),
                    v.broadcast(), v.scope(), v.peer(), v.nodad(), v.home(), v.noPrefixRoute(), v.mngTmpAddr(),
                    v.autoJoin(), v.noTrack(), v.useVmac(), v.preferredLft(), v.trackGroup()));
        }
        return out;
    }

    private GarpSettings garp(InstanceDraft d, boolean strict) {
        GarpSettings g = global.garp();
        int lowerRepeat;
        if (d.garpLowerPrioRepeat == null) {
            lowerRepeat = strict ? 0 : g.lowerPrioRepeat();
        } else if (strict && d.garpLowerPrioRepeat != 0) {
            out.report(GENERAL_ERROR, "(" + d.name + ") Strict mode requires no repeat garps. resetting");
            lowerRepeat = 0;
        } else {
            lowerRepeat = d.garpLowerPrioRepeat;
        }
        int lowerDelay;
        if (d.garpLowerPrioDelay == null) {
            lowerDelay = strict ? 0 : g.lowerPrioDelaySeconds();
        } else if (strict && d.garpLowerPrioDelay != 0) {
            out.report(GENERAL_ERROR, "(" + d.name + ") Strict mode requires no repeat garp delay. resetting");
            lowerDelay = 0;
        } else {
            lowerDelay = d.garpLowerPrioDelay;
        }
        return new GarpSettings(d.garpDelay != null ? d.garpDelay : g.masterDelaySeconds(),
                d.garpRepeat != null ? d.garpRepeat : g.masterRepeat(),
                d.garpRefresh != null ? d.garpRefresh : g.masterRefreshSeconds(),
                d.garpRefreshRepeat != null ? d.garpRefreshRepeat : g.masterRefreshRepeat(), lowerDelay, lowerRepeat);
    }

    private boolean lowerPrioNoAdvert(InstanceDraft d, boolean strict) {
        if (d.lowerPrioNoAdvert == null) {
            return strict || global.lowerPrioNoAdvert;
        }
        if (strict && !d.lowerPrioNoAdvert) {
            out.report(GENERAL_ERROR, "(" + d.name + ") Strict mode requires no lower priority advert. resetting");
            return true;
        }
        return d.lowerPrioNoAdvert;
    }

    private boolean higherPrioSendAdvert(InstanceDraft d, boolean strict) {
        if (d.higherPrioSendAdvert == null) {
            return !strict && global.higherPrioSendAdvert;
        }
        if (strict && d.higherPrioSendAdvert) {
            out.report(GENERAL_ERROR, "(" + d.name + ") strict mode requires higher_prio_send_advert to be clear. resetting");
            return false;
        }
        return d.higherPrioSendAdvert;
    }

    private long advertInterval(InstanceDraft d, int version) {
        long adv = d.advertMicros == 0 ? TIMER_HZ : d.advertMicros;
        if (version == 2) {
            if (adv >= 256 * TIMER_HZ) {
                out.report(GENERAL_ERROR, String.format(Locale.ROOT, "(%s) VRRPv2 advertisement interval %.2fs is out of range."
                        + " Must be less than %ds. Setting to %ds", d.name, adv / (double) TIMER_HZ, 256, 255));
                return 255 * TIMER_HZ;
            }
            if (adv % TIMER_HZ != 0) {
                out.report(GENERAL_ERROR, String.format(Locale.ROOT, "(%s) VRRPv2 advertisement interval %fs must be an integer."
                        + " rounding", d.name, adv / (double) TIMER_HZ));
                adv += TIMER_HZ / 2;
                adv -= adv % TIMER_HZ;
                return adv == 0 ? TIMER_HZ : adv;
            }
            return adv;
        }
        if (adv >= 4096 * CENTI) {
            out.report(GENERAL_ERROR, String.format(Locale.ROOT, "(%s) VRRPv3 advertisement interval %.2fs is out of range."
                    + " Must be less than %.2fs. Setting to %.2fs", d.name, adv / (double) TIMER_HZ, 40.96, 40.95));
            return 4095 * CENTI;
        }
        if (adv % CENTI != 0) {
            out.report(GENERAL_ERROR, String.format(Locale.ROOT, "(%s) VRRPv3 advertisement interval %fs must be in units of"
                    + " 10ms - rounding", d.name, adv / (double) TIMER_HZ));
            adv += CENTI / 2;
            adv -= adv % CENTI;
            return adv == 0 ? CENTI : adv;
        }
        return adv;
    }
}
