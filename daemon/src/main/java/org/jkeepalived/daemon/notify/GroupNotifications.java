package org.jkeepalived.daemon.notify;

import java.util.Map;

import org.jkeepalived.daemon.os.PreparedScript;

/**
 * What to run when a sync group changes state.
 *
 * @param name         group name
 * @param stateScripts notify_master/backup/fault/stop by state
 * @param generic      {@code notify}, or null
 * @param smtpAlert    {@code smtp_alert} in effect
 */
public record GroupNotifications(String name, Map<NotifyState, PreparedScript> stateScripts, PreparedScript generic,
                                 boolean smtpAlert) {
    public GroupNotifications {
        stateScripts = Map.copyOf(stateScripts);
    }
}
