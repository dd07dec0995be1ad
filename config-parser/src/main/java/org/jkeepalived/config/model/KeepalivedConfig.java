package org.jkeepalived.config.model;

import java.util.List;
import java.util.Map;

/**
 * The whole effective configuration of one {@code keepalived.conf}.
 *
 * @param globalDefs          global settings
 * @param rootSettings        root-level parent keywords (net_namespace, instance, …) with raw arguments
 * @param vrrpInstances       instances that passed validation, in configuration order
 * @param syncGroups          sync groups that passed validation
 * @param vrrpScripts         vrrp_script definitions that were kept
 * @param trackFiles          track_file definitions
 * @param trackProcesses      vrrp_track_process definitions
 * @param garpGroups          garp_group definitions
 * @param statics             static addresses/routes/rules and related root blocks
 * @param virtualServers      LVS virtual servers that passed validation
 * @param virtualServerGroups LVS virtual server groups
 * @param bfdInstances        BFD instances
 */
public record KeepalivedConfig(GlobalDefs globalDefs, Map<String, List<String>> rootSettings,
                               List<VrrpInstance> vrrpInstances, List<VrrpSyncGroup> syncGroups,
                               List<VrrpScript> vrrpScripts, List<TrackFile> trackFiles,
                               List<TrackProcess> trackProcesses, List<GarpGroup> garpGroups, StaticConfig statics,
                               List<VirtualServer> virtualServers, List<VirtualServerGroup> virtualServerGroups,
                               List<BfdInstance> bfdInstances) {
    public KeepalivedConfig {
        rootSettings = Map.copyOf(rootSettings);
        vrrpInstances = List.copyOf(vrrpInstances);
        syncGroups = List.copyOf(syncGroups);
        vrrpScripts = List.copyOf(vrrpScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        garpGroups = List.copyOf(garpGroups);
        virtualServers = List.copyOf(virtualServers);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        bfdInstances = List.copyOf(bfdInstances);
    }

    /** The instance with this name, or null. */
    public VrrpInstance instance(String name) {
        for (VrrpInstance i : vrrpInstances) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
