package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import java.util.List;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.AhAuthenticator;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.codec.ChecksumForm;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * One VRRP instance with keepalived 2.2.7's semantics (keepalived-runtime.md §7–§8). Pure: it
 * reads no clock and does no I/O. {@link #handle} takes an event and the current monotonic time
 * in nanoseconds, performs its actions through the {@link InstanceSink}, and returns the next
 * deadline ({@link Long#MAX_VALUE} for none); the caller delivers {@link InstanceEvent.TimerExpired}
 * once that time is reached. Sync-group members may change each other's deadlines: re-read
 * {@link #nextDeadlineNanos()} of every member after handling an event of one.
 *
 * <p>Every state change goes through {@link #transition} (log line, counters, notify). Received
 * adverts and advert timers in steady state allocate nothing. Not thread-safe: one event loop.
 */
public final class VrrpInstance {

    static final long NONE = Long.MAX_VALUE;

    private final InstanceSink sink;
    private final InstanceStats stats = new InstanceStats();
    private final DualMasterDetector dualMaster;
    // Replaced together by a reload (InstanceEvent.Reconfigure); state and counters stay.
    private InstanceSettings settings;
    private AdvertSender sender;
    private GarpScheduler garp;
    private ReceiveChecks checks;
    private String prefix;
    private List<VirtualAddress> allAddresses;
    private Trackers trackers;

    private VrrpState state = VrrpState.INIT;
    private int basePriority;
    private int effectivePriority;
    private int masterAdvertIntervalCentis;
    private long downDeadline = NONE;
    /**
     * keepalived's {@code ms_down_timer}: the length the down timer was last armed with (or what
     * remained of it when an advert was ignored); a priority change shifts the running timer by
     * the difference between the new Master_Down_Interval and this.
     */
    private long msDownTimerNanos;
    private long advertDeadline = NONE;
    private long preemptDeadline = NONE;
    private boolean interfaceRunning = true;
    /** keepalived's {@code master_priority}: the priority of the last master advert a BACKUP accepted. */
    private int masterPriority;
    private boolean wantsMaster;
    /**
     * keepalived's wantstate MASTER for an owner: survives a FAULT entered at startup (so the owner
     * goes MASTER as soon as the fault clears) but not a FAULT entered later (then BACKUP first).
     */
    private boolean ownerMasterOnRecovery;
    /** The FAULT being entered comes from another sync-group member, not from this instance. */
    private boolean faultFromGroup;
    /** The BACKUP being entered is the reaction to a VIP removed by another process. */
    private boolean releasingLostVip;
    /** For the stop transition: false with {@code -V} (keep VIPs, no priority 0). */
    private boolean releaseOnStop = true;
    private SyncGroup syncGroup;
    /** {@link InstanceEvent.Demote}: effective priority 1 until {@link InstanceEvent.Promote}. */
    private boolean demoted;
    /** Source address of the last advert a BACKUP accepted from the master (no allocation per advert). */
    private final byte[] masterSource = new byte[16];
    private boolean masterSourceKnown;

    public VrrpInstance(InstanceSettings settings, InstanceSink sink) {
        this.settings = settings;
        this.sink = sink;
        this.sender = new AdvertSender(settings);
        this.garp = new GarpScheduler(settings);
        this.checks = new ReceiveChecks(settings, authenticator(settings));
        this.prefix = "(" + settings.name() + ") ";
        this.dualMaster = new DualMasterDetector(prefix, sink, stats);
        this.allAddresses = Reconfiguration.allAddresses(settings);
        this.trackers = new Trackers(settings.trackers());
        this.basePriority = settings.basePriority();
        this.effectivePriority = computeEffectivePriority();
        this.masterAdvertIntervalCentis = settings.advertIntervalCentis();
        this.ownerMasterOnRecovery = settings.wantMaster() && settings.basePriority() == 255;
    }

    /** Handles one event at {@code nowNanos}; returns the next deadline. */
    public long handle(InstanceEvent event, long nowNanos) {
        if (event instanceof InstanceEvent.TimerExpired) {
            onTimer(nowNanos);
        } else if (event instanceof InstanceEvent.AdvertReceived received) {
            onAdvert(received.view(), nowNanos);
        } else if (event instanceof InstanceEvent.PacketRejected rejected) {
            stats.reject(rejected.reason());
        } else if (event instanceof InstanceEvent.Start start) {
            onStart(start.interfaceRunning(), nowNanos);
            if (start.startupDelayNanos() > 0 && downDeadline != NONE) {
                downDeadline += start.startupDelayNanos();
            }
        } else if (event instanceof InstanceEvent.Stop stop) {
            onStop(stop.releaseMaster(), nowNanos);
        } else if (event instanceof InstanceEvent.LinkChanged link) {
            onLinkChanged(link.running(), nowNanos);
        } else if (event instanceof InstanceEvent.TrackerChanged tracker) {
            onTrackerChanged(tracker.tracker(), tracker.up(), nowNanos);
        } else if (event instanceof InstanceEvent.TrackerTotals totals) {
            onTrackerTotals(totals.weight(), totals.fault(), nowNanos);
        } else if (event instanceof InstanceEvent.Reconfigure reconfigure) {
            onReconfigure(reconfigure.settings(), reconfigure.totals(), nowNanos);
        } else if (event instanceof InstanceEvent.Demote) {
            onDemote(nowNanos);
        } else if (event instanceof InstanceEvent.Promote) {
            onPromote(nowNanos);
        } else if (event instanceof InstanceEvent.AddressRemoved removed) {
            onAddressRemoved(removed.address(), removed.device(), nowNanos);
        }
        return nextDeadlineNanos();
    }

    // ---- startup and shutdown ----

    private void onStart(boolean running, long now) {
        interfaceRunning = running;
        logDetail("removing VIPs.");
        sink.removeAddresses(allAddresses);
        if (hasOwnFault() || groupHasFault()) {
            transition(VrrpState.FAULT, now, " (init)");
        } else if (settings.wantMaster() && basePriority == 255) {
            // keepalived: an address owner becomes MASTER 1 µs after startup, without a BACKUP phase.
            armDownTimer(now, 1_000);
        } else {
            transition(VrrpState.BACKUP, now, " (init)");
            if (syncGroup != null && settings.wantMaster()) {
                // keepalived: a sync-group member that wants MASTER waits one interval + minimal skew.
                armDownTimer(now, VrrpTimers.centisToNanos(masterAdvertIntervalCentis)
                        + VrrpTimers.skewNanos(settings.version(), 255, masterAdvertIntervalCentis));
            }
        }
    }

    private void onStop(boolean releaseMaster, long now) {
        releaseOnStop = releaseMaster;
        if (state == VrrpState.INIT) {
            downDeadline = NONE;
            notifyState(NotifyEvent.STOP);
            return;
        }
        transition(VrrpState.INIT, now, "");
    }

    // ---- reload ----

    /** See {@link InstanceEvent.Reconfigure}: new settings, same state, counters and timers. */
    private void onReconfigure(InstanceSettings next, InstanceEvent.TrackerTotals totals, long now) {
        if (next.vrid() != settings.vrid() || next.family() != settings.family()) {
            throw new IllegalArgumentException(prefix + "a reload cannot change the VRID or the address family"
                    + " of a running instance (" + settings.vrid() + "/" + settings.family() + " -> " + next.vrid()
                    + "/" + next.family() + ")");
        }
        InstanceSettings previous = settings;
        List<VirtualAddress> previousAddresses = allAddresses;
        boolean master = state == VrrpState.MASTER;
        AdvertSender nextSender = new AdvertSender(next);
        nextSender.continueFrom(sender, next);
        ReceiveChecks nextChecks = new ReceiveChecks(next, authenticator(next));
        nextChecks.continueFrom(checks);
        GarpScheduler nextGarp = new GarpScheduler(next);
        nextGarp.continueFrom(garp, master, now);
        Trackers nextTrackers = new Trackers(next.trackers());
        nextTrackers.continueFrom(trackers);
        if (totals != null) {
            nextTrackers.setTotals(totals.weight(), totals.fault());
        }
        settings = next;
        sender = nextSender;
        checks = nextChecks;
        garp = nextGarp;
        trackers = nextTrackers;
        prefix = "(" + next.name() + ") ";
        dualMaster.rename(prefix);
        allAddresses = Reconfiguration.allAddresses(next);
        // keepalived re-reads the priority: a 2.2.7 two-owner back-off to 254 does not survive a reload.
        basePriority = next.basePriority();
        ownerMasterOnRecovery &= next.wantMaster() && next.basePriority() == 255;
        if (next.preemptDelayNanos() == 0) {
            preemptDeadline = NONE;
        }
        boolean timersChanged = Reconfiguration.timersChanged(previous, next);
        if (timersChanged || master) {
            masterAdvertIntervalCentis = next.advertIntervalCentis();
        }
        int priorityBefore = effectivePriority;
        updateEffectivePriority(now);
        if (timersChanged && priorityBefore == effectivePriority) {
            shiftDownTimer();
        }
        if (master) {
            reassertMaster(previousAddresses, now);
        }
        reevaluateFault(now);
    }

    /**
     * keepalived's reload of a MASTER ({@code reload_master}): VIPs that are gone are removed
     * first, new ones added with a gratuitous ARP / NA burst, then an advert at once.
     */
    private void reassertMaster(List<VirtualAddress> previousAddresses, long now) {
        List<VirtualAddress> gone = Reconfiguration.missingFrom(previousAddresses, allAddresses);
        List<VirtualAddress> added = Reconfiguration.missingFrom(allAddresses, previousAddresses);
        if (!gone.isEmpty()) {
            logDetail("removing VIPs.");
            sink.removeAddresses(gone);
        }
        if (!added.isEmpty()) {
            logDetail("setting VIPs.");
            sink.addAddresses(added);
            garp.addressesAdded(now, sink, stats);
        }
        sendAdvert(effectivePriority);
        advertDeadline = now + VrrpTimers.centisToNanos(settings.advertIntervalCentis());
    }

    // ---- timers ----

    private void onTimer(long now) {
        if (state == VrrpState.MASTER) {
            if (advertDeadline <= now) {
                sendAdvert(effectivePriority);
                advertDeadline = now + VrrpTimers.centisToNanos(settings.advertIntervalCentis());
            }
            garp.onTimer(now, sink, stats);
            dualMaster.onTimer(now, effectivePriority);
        } else if ((state == VrrpState.BACKUP || state == VrrpState.INIT) && downDeadline <= now) {
            downDeadline = NONE;
            logDetail("Receive advertisement timeout");
            goToMaster(now);
        }
    }

    private void goToMaster(long now) {
        wantsMaster = true;
        if (syncGroup != null && !syncGroup.allWantMaster(this)) {
            // Held in BACKUP until every member wants MASTER (vrrp_sync_can_goto_master).
            armDownTimer(now, masterDownNanos());
            return;
        }
        transition(VrrpState.MASTER, now, "");
        if (syncGroup != null) {
            syncGroup.memberBecameMaster(this, now);
        }
    }

    // ---- receiving ----

    private void onAdvert(AdvertView view, long now) {
        if (state == VrrpState.FAULT || state == VrrpState.INIT) {
            return;
        }
        if (view.checksumForm() == null) {
            // The caller handed over a view that did not pass AdvertView's checks: count, never trust it.
            stats.reject(AdvertCheck.MALFORMED_IP);
            return;
        }
        if (view.vrid() != settings.vrid() || view.family() != settings.family()) {
            return;
        }
        ReceiveChecks.UnicastChecksum unicastChecksum = checks.unicastChecksum(view);
        if (unicastChecksum == ReceiveChecks.UnicastChecksum.REJECT) {
            stats.reject(AdvertCheck.CHECKSUM);
            ignoredAdvert(now);
            return;
        }
        if (unicastChecksum == ReceiveChecks.UnicastChecksum.SWITCH_TO_OLD) {
            sender.useOldUnicastChecksum();
            log("Setting unicast VRRPv3 checksum to old version");
        }
        AdvertCheck check = checks.check(view, basePriority, stats);
        if (check != AdvertCheck.VALID) {
            if (check != null) {
                stats.reject(check);
            }
            if (state == VrrpState.BACKUP) {
                ignoredAdvert(now);
            }
            return;
        }
        if (view.checksumForm() == ChecksumForm.MESSAGE_ONLY) {
            stats.messageOnlyChecksumRcvd++;
        }
        if (view.priority() == 0) {
            stats.priZeroRcvd++;
        }
        if (state == VrrpState.MASTER) {
            masterReceived(view, now);
        } else {
            backupReceived(view, now);
        }
    }

    private void backupReceived(AdvertView view, long now) {
        int priority = view.priority();
        if (priority == 0) {
            armDownTimer(now, VrrpTimers.skewNanos(settings.version(), effectivePriority, masterAdvertIntervalCentis));
            return;
        }
        boolean preemptDelayRunning = settings.preemptDelayNanos() > 0
                && (preemptDeadline == NONE || preemptDeadline > now);
        if (settings.nopreempt() || priority >= effectivePriority || preemptDelayRunning) {
            if (settings.version() == 3) {
                adoptMasterInterval(view.advertIntervalCentis());
            }
            if (settings.preemptDelayNanos() > 0) {
                if (priority >= effectivePriority) {
                    preemptDeadline = NONE;
                } else if (preemptDeadline == NONE) {
                    preemptDeadline = now + settings.preemptDelayNanos();
                }
            }
            wantsMaster = false;
            view.copySourceAddress(masterSource, 0);
            masterSourceKnown = true;
            masterPriority = priority;
            armDownTimer(now, masterDownNanos());
        } else {
            log("received lower priority (" + priority + ") advert from "
                    + AddressText.of(view.sourceAddress()) + " - discarding");
            ignoredAdvert(now);
        }
    }

    private void masterReceived(AdvertView view, long now) {
        int priority = view.priority();
        if (priority == 0) {
            dualMaster.releaseWhileMaster(view, effectivePriority);
            sendAdvert(effectivePriority);
            return;
        }
        int addressOrder = view.compareSourceAddress(checks.sourceAddress());
        if (priority == effectivePriority && addressOrder == 0) {
            log("WARNING - equal priority advert received from remote host with our IP address.");
            return;
        }
        if (priority == 255 && effectivePriority == 255) {
            // keepalived 2.2.7: the receiver of another owner's advert always backs off to 254.
            log("CONFIGURATION ERROR: local instance and a remote instance are both configured as address owner,"
                    + " please fix - reducing local priority");
            basePriority = 254;
            effectivePriority = 254;
        }
        if (priority < effectivePriority || (priority == effectivePriority && addressOrder < 0)) {
            masterReceivedLower(view, now);
            return;
        }
        if (settings.higherPrioSendAdvert() || settings.stepDownAdvert()) {
            // One advert at our own priority: the winner, if it has been MASTER for longer than its
            // in-flight window, sees a second master and records the episode (a healed partition);
            // after a plain preemption it lands inside that window and counts nothing.
            sendAdvert(effectivePriority);
        }
        if (priority > effectivePriority) {
            log("Master received advert from " + AddressText.of(view.sourceAddress()) + " with higher priority "
                    + priority + ", ours " + effectivePriority);
        } else {
            log("Master received advert from " + AddressText.of(view.sourceAddress()) + " with same priority "
                    + priority + " but higher IP address than ours");
        }
        if (settings.version() == 3) {
            adoptMasterInterval(view.advertIntervalCentis());
        }
        wantsMaster = false;
        transition(VrrpState.BACKUP, now, "");
        if (syncGroup != null) {
            syncGroup.memberLeftMaster(this, now);
        }
    }

    private void masterReceivedLower(AdvertView view, long now) {
        log("Received advert from " + AddressText.of(view.sourceAddress()) + " with lower priority "
                + view.priority() + ", ours " + effectivePriority
                + (settings.lowerPrioNoAdvert() ? "" : ", forcing new election"));
        if (view.hasAh()) {
            sender.syncAhSequence(view.ahSequence());
        }
        if (!settings.lowerPrioNoAdvert()) {
            sendAdvert(effectivePriority);
        }
        garp.lowerPriorityAdvert(now, sink, stats);
        if (syncGroup != null) {
            syncGroup.lowerPriorityAdvert(this, now);
        }
        sink.notify(NotifyEvent.MASTER_RX_LOWER_PRI, effectivePriority);
        dualMaster.lowerAdvertWhileMaster(view, effectivePriority, inFlightGraceNanos(view), masterDownNanos(), now);
    }

    void lowerPriorityGarp(long now) {
        if (state == VrrpState.MASTER) {
            garp.lowerPriorityAdvert(now, sink, stats);
        }
    }

    /**
     * How long after our takeover the previous master's adverts may still arrive: one advert
     * interval (the longer of ours and the sender's) plus our Skew_Time.
     */
    private long inFlightGraceNanos(AdvertView view) {
        int intervalCentis = Math.max(settings.advertIntervalCentis(), view.advertIntervalCentis());
        return VrrpTimers.centisToNanos(intervalCentis)
                + VrrpTimers.skewNanos(settings.version(), effectivePriority, intervalCentis);
    }

    private void adoptMasterInterval(int centis) {
        if (centis != masterAdvertIntervalCentis && centis > 0) {
            logDetail("advertisement interval updated from " + masterAdvertIntervalCentis * 10 + "ms to "
                    + centis * 10 + "ms by master");
            masterAdvertIntervalCentis = centis;
        }
    }

    // ---- faults and priority ----

    /** See {@link InstanceEvent.AddressRemoved}. */
    private void onAddressRemoved(InetAddress address, String device, long now) {
        if (!holdsVirtualAddress(address, device)) {
            return;
        }
        wantsMaster = false;
        releasingLostVip = true;
        try {
            transition(VrrpState.BACKUP, now, "");
        } finally {
            releasingLostVip = false;
        }
        // 2.2.7: the next election runs after Skew_Time, as if it had received its own priority 0.
        armDownTimer(now, VrrpTimers.skewNanos(settings.version(), effectivePriority, masterAdvertIntervalCentis));
        if (syncGroup != null) {
            syncGroup.memberLeftMaster(this, now);
        }
    }

    /**
     * True when this instance is MASTER and {@code address} on {@code device} is one of the
     * virtual addresses it holds there (VIPs and excluded VIPs): the case where its removal by
     * another process makes it re-elect ({@link InstanceEvent.AddressRemoved}).
     */
    public boolean holdsVirtualAddress(InetAddress address, String device) {
        if (state != VrrpState.MASTER) {
            return false;
        }
        for (VirtualAddress vip : allAddresses) {
            if (vip.address().equals(address) && vip.device().equals(device)) {
                return true;
            }
        }
        return false;
    }

    private void onLinkChanged(boolean running, long now) {
        if (interfaceRunning == running) {
            return;
        }
        interfaceRunning = running;
        if (settings.trackInterface()) {
            reevaluateFault(now);
        }
    }

    private void onTrackerChanged(String name, boolean up, long now) {
        if (!trackers.update(name, up)) {
            return;
        }
        reevaluateFault(now);
        updateEffectivePriority(now);
    }

    private void onTrackerTotals(int weight, boolean fault, long now) {
        if (!trackers.setTotals(weight, fault)) {
            return;
        }
        reevaluateFault(now);
        updateEffectivePriority(now);
    }

    /** Enters or leaves FAULT as the instance's own faults and its sync group's dictate. */
    void reevaluateFault(long now) {
        boolean ownFault = hasOwnFault();
        boolean faulty = ownFault || groupHasFault();
        faultFromGroup = !ownFault;
        if (faulty && state != VrrpState.FAULT && state != VrrpState.INIT) {
            transition(VrrpState.FAULT, now, "");
            if (syncGroup != null) {
                syncGroup.memberFaultChanged(this, now);
            }
        } else if (faulty && state == VrrpState.INIT && downDeadline != NONE) {
            downDeadline = NONE;
            transition(VrrpState.FAULT, now, "");
        } else if (!faulty && state == VrrpState.FAULT) {
            if (ownerMasterOnRecovery) {
                // 2.2.7 try_up_instance: an owner that was never up goes straight to MASTER.
                goToMaster(now);
                if (state != VrrpState.MASTER) {
                    transition(VrrpState.BACKUP, now, "");
                }
            } else {
                transition(VrrpState.BACKUP, now, "");
            }
            if (syncGroup != null) {
                syncGroup.memberFaultChanged(this, now);
            }
        }
    }

    /** True when this instance itself (not its group) has a reason to be in FAULT. */
    boolean hasOwnFault() {
        return (settings.trackInterface() && !interfaceRunning) || trackers.faulty();
    }

    private boolean groupHasFault() {
        return syncGroup != null && syncGroup.anyOtherMemberFaulty(this);
    }

    private int computeEffectivePriority() {
        return demoted ? 1 : trackers.effectivePriority(basePriority);
    }

    // ---- planned handover ----

    private void onDemote(long now) {
        if (demoted) {
            return;
        }
        demoted = true;
        log("Demoted by the administrator - effective priority 1");
        updateEffectivePriority(now);
        if (state == VrrpState.MASTER) {
            releaseMaster(now);
            if (syncGroup != null) {
                syncGroup.memberReleasedMaster(this, now);
            }
        }
    }

    private void onPromote(long now) {
        if (!demoted) {
            return;
        }
        demoted = false;
        log("Promoted by the administrator - priority from the configuration and trackers again");
        updateEffectivePriority(now);
    }

    /**
     * MASTER to BACKUP with a priority-0 advert first, so that the backups take over after
     * Skew_Time instead of Master_Down_Interval (a demotion, or a sibling's in a sync group).
     */
    void releaseMaster(long now) {
        if (state != VrrpState.MASTER) {
            return;
        }
        sendAdvert(0);
        stats.priZeroSent++;
        logDetail("sent 0 priority");
        wantsMaster = false;
        transition(VrrpState.BACKUP, now, "");
    }

    private void updateEffectivePriority(long now) {
        int updated = computeEffectivePriority();
        if (updated == effectivePriority) {
            return;
        }
        log("Changing effective priority from " + effectivePriority + " to " + updated);
        effectivePriority = updated;
        shiftDownTimer();
        if (settings.notifyPriorityChanges() && (state == VrrpState.MASTER || state == VrrpState.BACKUP)) {
            sink.notify(state == VrrpState.MASTER ? NotifyEvent.MASTER_PRIORITY : NotifyEvent.BACKUP_PRIORITY,
                    effectivePriority);
        }
    }

    /** keepalived moves a running BACKUP down timer by (new Master_Down_Interval - ms_down_timer). */
    private void shiftDownTimer() {
        long newDownTimer = masterDownNanos();
        if (state == VrrpState.BACKUP && downDeadline != NONE) {
            downDeadline += newDownTimer - msDownTimerNanos;
        }
        msDownTimerNanos = newDownTimer;
    }

    // ---- the one transition choke point ----

    /**
     * Every state change: entry actions, log line, counters, notify — in keepalived's order
     * ("Entering X STATE", priority 0 when a MASTER faults, VIPs removed, notify). No-op when
     * unchanged. INIT is only entered by Stop.
     */
    void transition(VrrpState target, long now, String logSuffix) {
        VrrpState previous = state;
        if (previous == target) {
            return;
        }
        if (target == VrrpState.MASTER) {
            state = target;
            enterMaster(now);
            return;
        }
        if (target != VrrpState.INIT) {
            log("Entering " + target.name() + " STATE" + logSuffix);
        }
        if (previous == VrrpState.MASTER) {
            dualMaster.leftMaster(effectivePriority);
            leaveMaster(target);
        }
        state = target;
        advertDeadline = NONE;
        switch (target) {
            case INIT -> {
                garp.cancel();
                downDeadline = NONE;
                preemptDeadline = NONE;
                notifyState(NotifyEvent.STOP);
            }
            case BACKUP -> {
                if (previous == VrrpState.MASTER) {
                    preemptDeadline = NONE;
                }
                armDownTimer(now, masterDownNanos());
                notifyState(NotifyEvent.BACKUP);
            }
            case FAULT -> {
                if (!logSuffix.equals(" (init)")) {
                    ownerMasterOnRecovery = false;
                }
                downDeadline = NONE;
                preemptDeadline = NONE;
                wantsMaster = false;
                masterAdvertIntervalCentis = settings.advertIntervalCentis();
                notifyState(NotifyEvent.FAULT);
            }
            default -> throw new IllegalStateException("unreachable: " + target);
        }
    }

    private void enterMaster(long now) {
        // Advert first so that the old master drops the VIPs before our gratuitous ARPs.
        sendAdvert(effectivePriority);
        log("Entering MASTER STATE");
        stats.becomeMaster++;
        dualMaster.enteredMaster(now);
        masterAdvertIntervalCentis = settings.advertIntervalCentis();
        downDeadline = NONE;
        preemptDeadline = NONE;
        advertDeadline = now + VrrpTimers.centisToNanos(settings.advertIntervalCentis());
        logDetail("setting VIPs.");
        sink.addAddresses(allAddresses);
        garp.becameMaster(now, sink, stats);
        notifyState(NotifyEvent.MASTER);
    }

    private void leaveMaster(VrrpState target) {
        boolean stopping = target == VrrpState.INIT;
        if (stopping && !releaseOnStop) {
            // keepalived -V: leave the VIPs in place and send no priority 0.
            garp.cancel();
            return;
        }
        if (target == VrrpState.FAULT) {
            // 2.2.7 sends priority 0 when it leaves MASTER for FAULT and, for its own fault (not one
            // synced from its group), once more (the counted one) as it restores the interface.
            sendAdvert(0);
        }
        if (stopping || releasingLostVip || (target == VrrpState.FAULT && !faultFromGroup)) {
            sendAdvert(0);
            stats.priZeroSent++;
            logDetail("sent 0 priority");
        }
        stats.releaseMaster++;
        garp.cancel();
        logDetail("removing VIPs.");
        sink.removeAddresses(allAddresses);
    }

    // ---- helpers ----

    private static AhAuthenticator authenticator(InstanceSettings settings) {
        return settings.authType() == AuthType.AH ? new AhAuthenticator(settings.authPassword()) : null;
    }

    private void sendAdvert(int priority) {
        sender.send(priority, settings.wireAdvertInterval(), sink);
        stats.advertSent++;
    }

    private void armDownTimer(long now, long lengthNanos) {
        msDownTimerNanos = lengthNanos;
        downDeadline = now + lengthNanos;
    }

    /** An advert was ignored in BACKUP: the timer runs on; remember what is left of it (keepalived). */
    private void ignoredAdvert(long now) {
        if (downDeadline != NONE) {
            msDownTimerNanos = Math.max(0, downDeadline - now);
        }
    }

    private long masterDownNanos() {
        return VrrpTimers.masterDownNanos(settings.version(), effectivePriority, masterAdvertIntervalCentis,
                settings.downTimerAdverts());
    }

    private void log(String message) {
        sink.log(prefix + message, false);
    }

    /** A state notification, also reported to the sync group so it can track its own state. */
    private void notifyState(NotifyEvent event) {
        sink.notify(event, effectivePriority);
        if (syncGroup != null) {
            syncGroup.memberTransitioned(event);
        }
    }

    /** A line keepalived prints only with {@code -D}. */
    private void logDetail(String message) {
        sink.log(prefix + message, true);
    }

    // ---- sync-group hooks (package-private) ----

    void joinSyncGroup(SyncGroup group) {
        this.syncGroup = group;
        // keepalived zeroes the weights of sync-group members unless sync_group_tracking_weight.
        trackers.ignoreWeights(!group.trackingWeight());
        this.effectivePriority = computeEffectivePriority();
    }

    boolean wantsMaster() {
        return wantsMaster || state == VrrpState.MASTER;
    }

    void forceMaster(long now) {
        if (state == VrrpState.BACKUP) {
            transition(VrrpState.MASTER, now, "");
        }
    }

    void forceBackup(long now) {
        if (state == VrrpState.MASTER) {
            wantsMaster = false;
            transition(VrrpState.BACKUP, now, "");
        }
    }

    // ---- queries ----

    public VrrpState state() {
        return state;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    /** True between {@link InstanceEvent.Demote} and {@link InstanceEvent.Promote}. */
    public boolean demoted() {
        return demoted;
    }

    /** The priority the base and trackers give now: the effective one, except while demoted. */
    public int trackedPriority() {
        return trackers.effectivePriority(basePriority);
    }

    /**
     * The current master as this instance sees it: our own source address while MASTER, the
     * source of the last advert a BACKUP accepted from the master, else {@code null}. Allocates.
     */
    public java.net.InetAddress masterAddress() {
        if (state == VrrpState.MASTER) {
            return settings.sourceAddress();
        }
        if (state != VrrpState.BACKUP || !masterSourceKnown) {
            return null;
        }
        int length = settings.family().addressLength();
        try {
            return java.net.InetAddress.getByAddress(java.util.Arrays.copyOf(masterSource, length));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base priority: the configured one, or 254 after keepalived 2.2.7's two-owner back-off. */
    public int basePriority() {
        return basePriority;
    }

    /**
     * keepalived's {@code ms_down_timer} (its dumps' "Master down timer"): the length the down
     * timer was last armed with, in nanoseconds, whatever the state now.
     */
    public long msDownTimerNanos() {
        return msDownTimerNanos;
    }

    /** The priority of the last master advert accepted as BACKUP (keepalived's dump); 0 before any. */
    public int masterPriority() {
        return masterPriority;
    }

    /** Master_Adver_Interval in centiseconds (v3 backups adopt the master's). */
    public int masterAdvertIntervalCentis() {
        return masterAdvertIntervalCentis;
    }

    public InstanceStats stats() {
        return stats;
    }

    /**
     * The other master's address while a dual-master episode is open (docs/dual-master.md), else
     * null. Safe to call from any thread (a status query).
     */
    public InetAddress dualMasterPeer() {
        return dualMaster.peer();
    }

    public InstanceSettings settings() {
        return settings;
    }

    public String name() {
        return settings.name();
    }

    /** The earliest pending deadline in nanoseconds, or {@link Long#MAX_VALUE}. */
    public long nextDeadlineNanos() {
        long deadline = Math.min(downDeadline, advertDeadline);
        return state == VrrpState.MASTER
                ? Math.min(Math.min(deadline, garp.nextDeadline()), dualMaster.deadline()) : deadline;
    }
}
