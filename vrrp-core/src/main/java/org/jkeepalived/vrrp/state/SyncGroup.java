package org.jkeepalived.vrrp.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code vrrp_sync_group}: members go MASTER together (only once every member wants to), go
 * BACKUP together, and a FAULT in one puts all in FAULT until it clears. Member tracker weights are
 * treated as 0 (failure = FAULT) unless {@code sync_group_tracking_weight}. Group transitions are
 * logged as {@code VRRP_Group(SG1) Syncing instances to MASTER state}.
 *
 * <p>Not thread-safe; lives on the event loop with its members. After an event for one member,
 * re-read every member's {@link VrrpInstance#nextDeadlineNanos()}.
 */
public final class SyncGroup {

    private final String name;
    private final boolean trackingWeight;
    private final List<VrrpInstance> members = new ArrayList<>();
    private final List<VrrpInstance> membersView = java.util.Collections.unmodifiableList(members);
    private final java.util.function.Consumer<String> logger;
    private boolean propagating;

    /**
     * @param logger where the group's own log lines go (the daemon's log)
     */
    public SyncGroup(String name, boolean trackingWeight, java.util.function.Consumer<String> logger) {
        this.name = name;
        this.trackingWeight = trackingWeight;
        this.logger = logger;
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
        if (propagating) {
            return;
        }
        propagating = true;
        try {
            boolean logged = false;
            for (VrrpInstance member : members) {
                if (member != source && member.state() == VrrpState.BACKUP) {
                    if (!logged) {
                        logger.accept("VRRP_Group(" + name + ") Syncing instances to MASTER state");
                        logged = true;
                    }
                    member.forceMaster(now);
                }
            }
        } finally {
            propagating = false;
        }
    }

    void memberLeftMaster(VrrpInstance source, long now) {
        if (propagating) {
            return;
        }
        propagating = true;
        try {
            boolean logged = false;
            for (VrrpInstance member : members) {
                if (member != source && member.state() == VrrpState.MASTER) {
                    if (!logged) {
                        logger.accept("VRRP_Group(" + name + ") Syncing instances to BACKUP state");
                        logged = true;
                    }
                    member.forceBackup(now);
                }
            }
        } finally {
            propagating = false;
        }
    }

    void memberFaultChanged(long now) {
        if (propagating) {
            return;
        }
        propagating = true;
        try {
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
}
