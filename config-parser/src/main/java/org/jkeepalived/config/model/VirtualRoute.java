package org.jkeepalived.config.model;

import java.util.List;
import java.util.Map;

/**
 * A {@code virtual_routes}/{@code static_routes} entry in {@code ip route} syntax.
 *
 * @param destination destination prefix ("0.0.0.0/0" for default)
 * @param via         gateway or null
 * @param dev         output interface or null
 * @param table       routing table or null (main)
 * @param options     every other option, keyword → value ("" for flags), in order
 * @param nexthops    raw nexthop specifications, each as its words
 * @param tracked     false with {@code no_track}, or when there is no interface to track
 */
public record VirtualRoute(String destination, String via, String dev, String table,
                           Map<String, String> options, List<List<String>> nexthops, boolean tracked) {
    public VirtualRoute {
        options = Map.copyOf(options);
        nexthops = nexthops.stream().map(List::copyOf).toList();
    }
}
