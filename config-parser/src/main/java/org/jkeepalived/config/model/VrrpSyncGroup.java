package org.jkeepalived.config.model;

import java.util.List;
import java.util.Map;

/**
 * A {@code vrrp_sync_group} that survived validation (it has members).
 *
 * @param name             group name
 * @param members          member instance names, in configuration order
 * @param trackedInterfaces group-wide tracked interfaces
 * @param trackedScripts   group-wide tracked scripts
 * @param trackedFiles     group-wide tracked files
 * @param trackedProcesses group-wide tracked processes
 * @param trackedBfds      group-wide tracked BFD instances
 * @param notifyScripts    notify scripts by keyword
 * @param smtpAlert        email on transitions
 * @param trackingWeight   sync_group_tracking_weight / global_tracking
 */
public record VrrpSyncGroup(String name, List<String> members, List<TrackedItem> trackedInterfaces,
                            List<TrackedItem> trackedScripts, List<TrackedItem> trackedFiles,
                            List<TrackedItem> trackedProcesses, List<TrackedItem> trackedBfds,
                            Map<String, NotifyScript> notifyScripts, boolean smtpAlert, boolean trackingWeight) {
    public VrrpSyncGroup {
        members = List.copyOf(members);
        trackedInterfaces = List.copyOf(trackedInterfaces);
        trackedScripts = List.copyOf(trackedScripts);
        trackedFiles = List.copyOf(trackedFiles);
        trackedProcesses = List.copyOf(trackedProcesses);
        trackedBfds = List.copyOf(trackedBfds);
        notifyScripts = Map.copyOf(notifyScripts);
    }
}
