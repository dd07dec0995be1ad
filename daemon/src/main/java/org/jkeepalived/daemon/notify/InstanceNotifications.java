package org.jkeepalived.daemon.notify;

import java.util.Map;

import org.jkeepalived.daemon.os.PreparedScript;

/**
 * What to run when one VRRP instance changes state: its checked notify scripts and flags.
 *
 * @param name                  instance name
 * @param stateScripts          notify_master/backup/fault/stop/deleted by state (absent = none)
 * @param generic               {@code notify}, or null
 * @param masterRxLowerPri      {@code notify_master_rx_lower_pri}, or null
 * @param notifyDeleted         {@code notify_deleted} given (else removal is reported as FAULT)
 * @param smtpAlert             {@code smtp_alert} in effect
 * @param notifyPriorityChanges {@code notify_priority_changes} in effect
 * @param dualMaster            {@code notify_dual_master} (a jkeepalived extension), or null
 */
public record InstanceNotifications(String name, Map<NotifyState, PreparedScript> stateScripts, PreparedScript generic,
                                    PreparedScript masterRxLowerPri, boolean notifyDeleted, boolean smtpAlert,
                                    boolean notifyPriorityChanges, PreparedScript dualMaster) {
    public InstanceNotifications {
        stateScripts = Map.copyOf(stateScripts);
    }

    /** Without {@code notify_dual_master}. */
    public InstanceNotifications(String name, Map<NotifyState, PreparedScript> stateScripts, PreparedScript generic,
                                 PreparedScript masterRxLowerPri, boolean notifyDeleted, boolean smtpAlert,
                                 boolean notifyPriorityChanges) {
        this(name, stateScripts, generic, masterRxLowerPri, notifyDeleted, smtpAlert, notifyPriorityChanges, null);
    }
}
