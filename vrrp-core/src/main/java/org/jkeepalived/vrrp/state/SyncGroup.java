package org.jkeepalived.vrrp.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code vrrp_sync_group}: members go MASTER together (only once every member wants to), go
 * BACKUP together, and a FAULT in one puts all in FAULT until it clears. Member tracker weights are
 * treated as 0 (failure = FAULT) unless {@code sync_group_tracking_weight}. Group transitions are
 * logged as {@code VRRP_Group(SG1) Syncing instances to MASTER state}; the group's own state
 * (FAULT if any member is, MASTER when all are, else BACKUP) is notified through a
 * {@link SyncGroupSink} whenever it changes.
 *
 * <p>Not thread-safe; lives on the event loop with its members. After an event for one member,
 * re-read every member's {@link VrrpInstance#nextDeadlineNanos()}.
 */
public final class SyncGroup {

    private final String name;
    private final boolean trackingWeight;
    private final List<VrrpInstance> members = new ArrayList<>();
    private final List<VrrpInstance> membersView = java.util.Collections.unmodifiableList(members);
    private final SyncGroupSink sink;
    private boolean propagating;
    private VrrpState groupState = VrrpState.INIT;

    /**
     * @param trackingWeight {@code sync_group_tracking_weight}
     * @param sink           group notifications and log lines
     */
    public SyncGroup(String name, boolean trackingWeight, SyncGroupSink sink) {
        this.name = name;
        this.trackingWeight = trackingWeight;
        this.sink = sink;
    }

    /** The group's state: FAULT if any member is, MASTER when all are, INIT before start, else BACKUP. */
    public VrrpState state() {
        return groupState;
    }

    /** Called after every member transition: recomputes the group state and notifies a change. */
    void memberTransitioned(NotifyEvent memberEvent) {
        VrrpState computed = computeState();
        if (computed == groupState) {
            return;
        }
        groupState = computed;
        switch (computed) {
            case MASTER -> sink.notify(NotifyEvent.MASTER);
            case BACKUP -> sink.notify(NotifyEvent.BACKUP);
            case FAULT -> sink.notify(NotifyEvent.FAULT);
            default -> {
                if (memberEvent == NotifyEvent.STOP) {
                    sink.notify(NotifyEvent.STOP);
                }
            }
        }
    }

    private VrrpState computeState() {
        boolean allMaster = true;
        boolean allInit = true;
        for (VrrpInstance member : members) {
            VrrpState state = member.state();
            if (state == VrrpState.FAULT) {
                return VrrpState.FAULT;
            }
            allMaster &= state == VrrpState.MASTER;
            allInit &= state == VrrpState.INIT;
        }
        return allInit ? VrrpState.INIT : allMaster ? VrrpState.MASTER : VrrpState.BACKUP;
    }

    /** Adds a member; call before the members are started. */
    public void add(VrrpInstance member) {
        members.add(member);
        member.joinSyncGroup(this);
    }

    /** The members, as a read-only live view (no copy: safe to call after every event). */
    public List<VrrpInstance> members() {
        return membersView;
    }

    public String name() {
        return name;
    }

    boolean trackingWeight() {
        return trackingWeight;
    }

    boolean allWantMaster(VrrpInstance asking) {
        for (VrrpInstance member : members) {
            if (member != asking && !member.wantsMaster()) {
                return false;
            }
        }
        return true;
    }

    void memberBecameMaster(VrrpInstance source, long now) {
        syncOthers(source, VrrpState.BACKUP, "MASTER", member -> member.forceMaster(now));
    }

    /** A demoted member released MASTER: the others follow, each with a priority-0 advert. */
    void memberReleasedMaster(VrrpInstance source, long now) {
        syncOthers(source, VrrpState.MASTER, "BACKUP", member -> member.releaseMaster(now));
    }

    void memberLeftMaster(VrrpInstance source, long now) {
        syncOthers(source, VrrpState.MASTER, "BACKUP", member -> member.forceBackup(now));
    }

    /**
     * Moves every other member still in {@code from} with {@code move}, logging keepalived's
     * "Syncing instances" line once; re-entrant calls from the moved members are ignored.
     */
    private void syncOthers(VrrpInstance source, VrrpState from, String toStateName,
                            java.util.function.Consumer<VrrpInstance> move) {
        if (propagating) {
            return;
        }
        propagating = true;
        try {
            boolean logged = false;
            for (VrrpInstance member : members) {
                if (member != source && member.state() == from) {
                    if (!logged) {
                        sink.log("VRRP_Group(" + name + ") Syncing instances to " + toStateName + " state");
                        logged = true;
                    }
                    move.accept(member);
                }
            }
        } finally {
            propagating = false;
        }
    }

    void memberFaultChanged(VrrpInstance source, long now) {
        if (propagating) {
            return;
        }
        propagating = true;
        try {
            if (source.state() == VrrpState.FAULT && anyMemberNotIn(VrrpState.FAULT)) {
                sink.log("VRRP_Group(" + name + ") Syncing instances to FAULT state");
            }
            for (VrrpInstance member : members) {
                member.reevaluateFault(now);
            }
        } finally {
            propagating = false;
        }
    }

    void lowerPriorityAdvert(VrrpInstance source, long now) {
        for (VrrpInstance member : members) {
            if (member != source) {
                member.lowerPriorityGarp(now);
            }
        }
    }

    boolean anyOtherMemberFaulty(VrrpInstance asking) {
        for (VrrpInstance member : members) {
            if (member != asking && member.hasOwnFault()) {
                return true;
            }
        }
        return false;
    }

    private boolean anyMemberNotIn(VrrpState state) {
        for (VrrpInstance member : members) {
            if (member.state() != state) {
                return true;
            }
        }
        return false;
    }
}
