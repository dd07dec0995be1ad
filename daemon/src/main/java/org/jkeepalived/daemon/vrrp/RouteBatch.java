package org.jkeepalived.daemon.vrrp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.RuleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route and rule changes of one reload, held back like the VIPs' {@link AddressBatch}: each
 * route or rule ends as its last request left it, so one moving between instances stays
 * installed. {@link #applyRemovals} runs before the VIP batch (rules, then routes, as keepalived
 * removes them) and {@link #applyAdditions} after it (a route may name a new VIP as {@code src}).
 * Loop thread only; single use.
 */
final class RouteBatch implements RouteTable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final Map<RouteSpec, Boolean> routes = new LinkedHashMap<>();
    private final Map<RuleSpec, Boolean> rules = new LinkedHashMap<>();

    @Override
    public void addRoutes(List<RouteSpec> list) {
        want(routes, list, true);
    }

    @Override
    public void removeRoutes(List<RouteSpec> list) {
        want(routes, list, false);
    }

    @Override
    public void addRules(List<RuleSpec> list) {
        want(rules, list, true);
    }

    @Override
    public void removeRules(List<RuleSpec> list) {
        want(rules, list, false);
    }

    /** Rules, then routes, that the reload takes away; errors are logged, the rest goes on. */
    void applyRemovals(RouteTable kernel) {
        List<RuleSpec> oldRules = select(rules, false);
        List<RouteSpec> oldRoutes = select(routes, false);
        try {
            if (!oldRules.isEmpty()) {
                kernel.removeRules(oldRules);
            }
        } catch (IOException e) {
            LOG.error("Reload: failed to remove rules: {}", e.getMessage());
        }
        try {
            if (!oldRoutes.isEmpty()) {
                kernel.removeRoutes(oldRoutes);
            }
        } catch (IOException e) {
            LOG.error("Reload: failed to remove routes: {}", e.getMessage());
        }
    }

    /** Routes, then rules, that the reload puts in; errors are logged, the rest goes on. */
    void applyAdditions(RouteTable kernel) {
        List<RouteSpec> newRoutes = select(routes, true);
        List<RuleSpec> newRules = select(rules, true);
        try {
            if (!newRoutes.isEmpty()) {
                kernel.addRoutes(newRoutes);
            }
        } catch (IOException e) {
            LOG.error("Reload: failed to add routes: {}", e.getMessage());
        }
        try {
            if (!newRules.isEmpty()) {
                kernel.addRules(newRules);
            }
        } catch (IOException e) {
            LOG.error("Reload: failed to add rules: {}", e.getMessage());
        }
    }

    private static <T> void want(Map<T, Boolean> wanted, List<T> list, boolean hold) {
        for (T item : list) {
            wanted.remove(item);
            wanted.put(item, hold);
        }
    }

    private static <T> List<T> select(Map<T, Boolean> wanted, boolean hold) {
        List<T> out = new ArrayList<>();
        wanted.forEach((item, h) -> {
            if (h == hold) {
                out.add(item);
            }
        });
        return out;
    }
}
