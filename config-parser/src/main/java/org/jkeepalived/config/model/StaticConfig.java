package org.jkeepalived.config.model;

import java.util.List;
import java.util.Map;

/**
 * The root-level static blocks of the VRRP process.
 *
 * @param addresses             {@code static_ipaddress}
 * @param routes                {@code static_routes}
 * @param rules                 {@code static_rules}
 * @param trackGroups           {@code track_group NAME { group { … } }}: name → instances
 * @param linkbeatInterfaces    {@code linkbeat_interfaces}: name → polling method
 * @param upDownDelays          {@code interface_up_down_delays}: name → [down µs, up µs]
 */
public record StaticConfig(List<VirtualIp> addresses, List<VirtualRoute> routes, List<VirtualRule> rules,
                           Map<String, List<String>> trackGroups, Map<String, String> linkbeatInterfaces,
                           Map<String, List<Long>> upDownDelays) {
    public StaticConfig {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        trackGroups = Map.copyOf(trackGroups);
        linkbeatInterfaces = Map.copyOf(linkbeatInterfaces);
        upDownDelays = Map.copyOf(upDownDelays);
    }
}
