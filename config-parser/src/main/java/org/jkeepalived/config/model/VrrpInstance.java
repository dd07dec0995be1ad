package org.jkeepalived.config.model;

import java.util.List;
import java.util.Map;

/**
 * One {@code vrrp_instance} with its effective values after keepalived's validation
 * ({@code vrrp_complete_instance}): priority 100 (255 when {@code state MASTER} and no priority),
 * the advert interval rounded for the version, GARP settings inherited from the globals, strict-mode
 * corrections applied.
 *
 * @param name                  instance name
 * @param state                 initial wanted state
 * @param priority              base priority 1..255
 * @param virtualRouterId       VRID 1..255
 * @param interfaceName         advert interface, or null for a unicast instance without one
 * @param family                address family of the instance
 * @param version               VRRP version 2 or 3
 * @param advertIntervalMicros  advert interval in microseconds (whole seconds for v2, 10 ms steps for v3)
 * @param virtualIps            VIPs carried in adverts
 * @param excludedVirtualIps    eVIPs
 * @param virtualRoutes         routes added while MASTER
 * @param virtualRules          rules added while MASTER
 * @param authentication        VRRPv2 authentication
 * @param authHmac              auth_hmac block or null
 * @param nopreempt             true when a higher-priority BACKUP must not preempt
 * @param preemptDelayMicros    preempt delay
 * @param garp                  effective GARP settings
 * @param downTimerAdverts      adverts missed before the master is down
 * @param lowerPrioNoAdvert     MASTER does not answer a lower-priority advert
 * @param higherPrioSendAdvert  MASTER sends an advert before yielding to a higher priority
 * @param accept                accept mode
 * @param strictMode            strict RFC mode
 * @param unicastPeers          unicast peers (empty = multicast)
 * @param unicastSrcIp          configured source address or null
 * @param mcastDstIp            configured multicast destination or null (global group)
 * @param unicastTtl            TTL of unicast adverts (255 for IPv4, -1 = kernel default)
 * @param trackedInterfaces     {@code track_interface} entries
 * @param trackedScripts        {@code track_script} entries (only scripts that exist)
 * @param trackedFiles          {@code track_file} entries
 * @param trackedProcesses      {@code track_process} entries
 * @param trackedBfds           {@code track_bfd} entries
 * @param notifyScripts         notify_* scripts by keyword ("notify_master", "notify", …)
 * @param smtpAlert             email on transitions
 * @param useVmac               VMAC settings or null
 * @param dontTrackPrimary      ignore faults of the instance interface
 * @param promoteSecondaries    set promote_secondaries on the interface
 * @param syncGroup             sync group name or null
 * @param otherSettings         every other keyword given, with its raw arguments
 */
public record VrrpInstance(String name, VrrpState state, int priority, int virtualRouterId, String interfaceName,
                           AddressFamily family, int version, long advertIntervalMicros,
                           List<VirtualIp> virtualIps, List<VirtualIp> excludedVirtualIps,
                           List<VirtualRoute> virtualRoutes, List<VirtualRule> virtualRules,
                           Authentication authentication, AuthHmac authHmac, boolean nopreempt,
                           long preemptDelayMicros, GarpSettings garp, int downTimerAdverts,
                           boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert, boolean accept,
                           boolean strictMode, List<UnicastPeer> unicastPeers, String unicastSrcIp,
                           String mcastDstIp, int unicastTtl, List<TrackedItem> trackedInterfaces,
                           List<TrackedItem> trackedScripts, List<TrackedItem> trackedFiles,
                           List<TrackedItem> trackedProcesses, List<TrackedItem> trackedBfds,
                           Map<String, NotifyScript> notifyScripts, boolean smtpAlert, UseVmac useVmac,
                           boolean dontTrackPrimary, boolean promoteSecondaries, String syncGroup,
                           Map<String, List<String>> otherSettings) {
    public VrrpInstance {
        virtualIps = List.copyOf(virtualIps);
        excludedVirtualIps = List.copyOf(excludedVirtualIps);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        unicastPeers = List.copyOf(unicastPeers);
        trackedInterfaces = List.copyOf(trackedInterfaces);
        trackedScripts = List.copyOf(trackedScripts);
        trackedFiles = List.copyOf(trackedFiles);
        trackedProcesses = List.copyOf(trackedProcesses);
        trackedBfds = List.copyOf(trackedBfds);
        notifyScripts = Map.copyOf(notifyScripts);
        otherSettings = Map.copyOf(otherSettings);
    }

    /** Preempt as keepalived's dump shows it: enabled unless nopreempt. */
    public boolean preempt() {
        return !nopreempt;
    }
}
