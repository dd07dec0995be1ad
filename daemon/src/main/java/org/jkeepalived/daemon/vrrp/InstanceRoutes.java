package org.jkeepalived.daemon.vrrp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.jkeepalived.config.model.VirtualRoute;
import org.jkeepalived.config.model.VirtualRule;
import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.RuleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code virtual_routes} and {@code virtual_rules} of one instance (or the root-level
 * {@code static_routes}/{@code static_rules}), installed and removed as keepalived 2.2.7 does:
 * routes then rules when set, rules then routes when removed, each with its {@code -D} line
 * ("(VI_1) setting Virtual Routes"). Removal takes away what was installed; when nothing was
 * (startup, to clean leftovers of an earlier run), it takes away what the configuration names.
 * Device indexes are looked up when a route is installed. Kernel errors are logged and counted,
 * never thrown. Loop thread only.
 */
final class InstanceRoutes {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final String logPrefix;
    private final ToIntFunction<String> ifindex;
    private final Consumer<String> detailLog;
    private List<VirtualRoute> routes;
    private List<VirtualRule> rules;
    private List<RouteSpec> installedRoutes;
    private List<RuleSpec> installedRules;
    private long errors;

    /**
     * @param logPrefix "(VI_1) " for an instance, "" for the static routes
     * @param ifindex   a device's interface index, 0 when it does not exist
     * @param detailLog where keepalived's {@code -D} lines go
     */
    InstanceRoutes(String logPrefix, List<VirtualRoute> routes, List<VirtualRule> rules,
                   ToIntFunction<String> ifindex, Consumer<String> detailLog) {
        this.logPrefix = logPrefix;
        this.routes = routes;
        this.rules = rules;
        this.ifindex = ifindex;
        this.detailLog = detailLog;
    }

    boolean isEmpty() {
        return routes.isEmpty() && rules.isEmpty();
    }

    boolean installed() {
        return installedRoutes != null;
    }

    /** Kernel errors so far. */
    long errors() {
        return errors;
    }

    /** Logs, once, every option that has no effect and every line that cannot be installed. */
    void logUnsupported() {
        for (VirtualRoute route : routes) {
            List<String> ignored = RouteMapping.ignoredOptions(route);
            if (!ignored.isEmpty()) {
                LOG.warn("{}route {}: {} has no effect", logPrefix, route.destination(), String.join(", ", ignored));
            }
            RouteMapping.Mapped<RouteSpec> mapped = RouteMapping.route(route, dev -> 1);
            if (mapped.spec() == null) {
                LOG.warn("{}route {} has no effect: {}", logPrefix, route.destination(), mapped.skipReason());
            }
        }
        for (VirtualRule rule : rules) {
            RouteMapping.Mapped<RuleSpec> mapped = RouteMapping.rule(rule);
            if (mapped.spec() == null) {
                LOG.warn("{}rule {} has no effect: {}", logPrefix, describe(rule), mapped.skipReason());
            }
        }
    }

    /** Sets the routes, then the rules (becoming MASTER, or startup for static ones). */
    void install(RouteTable table) {
        List<RouteSpec> routeSpecs = mapRoutes(routes, true);
        List<RuleSpec> ruleSpecs = mapRules(rules);
        if (!routes.isEmpty()) {
            detailLog.accept(logPrefix + "setting Virtual Routes");
            apply(routeSpecs, () -> table.addRoutes(routeSpecs), "add routes");
        }
        if (!rules.isEmpty()) {
            detailLog.accept(logPrefix + "setting Virtual Rules");
            apply(ruleSpecs, () -> table.addRules(ruleSpecs), "add rules");
        }
        installedRoutes = routeSpecs;
        installedRules = ruleSpecs;
    }

    /** Removes the rules, then the routes: those installed, or else those configured (leftovers). */
    void remove(RouteTable table) {
        List<RuleSpec> ruleSpecs = installedRules != null ? installedRules : mapRules(rules);
        List<RouteSpec> routeSpecs = installedRoutes != null ? installedRoutes : mapRoutes(routes, false);
        if (!rules.isEmpty()) {
            detailLog.accept(logPrefix + "removing Virtual Rules");
            apply(ruleSpecs, () -> table.removeRules(ruleSpecs), "remove rules");
        }
        if (!routes.isEmpty()) {
            detailLog.accept(logPrefix + "removing Virtual Routes");
            apply(routeSpecs, () -> table.removeRoutes(routeSpecs), "remove routes");
        }
        installedRoutes = null;
        installedRules = null;
    }

    /**
     * A reload kept this instance with {@code newRoutes}/{@code newRules}: while they are installed,
     * the ones that went are removed and the new ones added; otherwise the lists are only noted.
     */
    void reconfigure(List<VirtualRoute> newRoutes, List<VirtualRule> newRules, RouteTable table) {
        this.routes = newRoutes;
        this.rules = newRules;
        if (!installed()) {
            return;
        }
        List<RouteSpec> wantedRoutes = mapRoutes(newRoutes, true);
        List<RuleSpec> wantedRules = mapRules(newRules);
        List<RuleSpec> goneRules = minus(installedRules, wantedRules);
        List<RouteSpec> goneRoutes = minus(installedRoutes, wantedRoutes);
        List<RouteSpec> newRouteSpecs = minus(wantedRoutes, installedRoutes);
        List<RuleSpec> newRuleSpecs = minus(wantedRules, installedRules);
        if (!goneRules.isEmpty()) {
            apply(goneRules, () -> table.removeRules(goneRules), "remove rules");
        }
        if (!goneRoutes.isEmpty()) {
            apply(goneRoutes, () -> table.removeRoutes(goneRoutes), "remove routes");
        }
        if (!newRouteSpecs.isEmpty()) {
            apply(newRouteSpecs, () -> table.addRoutes(newRouteSpecs), "add routes");
        }
        if (!newRuleSpecs.isEmpty()) {
            apply(newRuleSpecs, () -> table.addRules(newRuleSpecs), "add rules");
        }
        installedRoutes = wantedRoutes;
        installedRules = wantedRules;
    }

    private List<RouteSpec> mapRoutes(List<VirtualRoute> lines, boolean logMissingDevice) {
        List<RouteSpec> out = new ArrayList<>(lines.size());
        for (VirtualRoute route : lines) {
            RouteMapping.Mapped<RouteSpec> mapped = RouteMapping.route(route, ifindex);
            if (mapped.spec() != null) {
                out.add(mapped.spec());
            } else if (logMissingDevice && route.dev() != null && ifindex.applyAsInt(route.dev()) <= 0) {
                LOG.error("{}route {} not set: {}", logPrefix, route.destination(), mapped.skipReason());
            }
        }
        return out;
    }

    private static List<RuleSpec> mapRules(List<VirtualRule> lines) {
        List<RuleSpec> out = new ArrayList<>(lines.size());
        for (VirtualRule rule : lines) {
            RouteMapping.Mapped<RuleSpec> mapped = RouteMapping.rule(rule);
            if (mapped.spec() != null) {
                out.add(mapped.spec());
            }
        }
        return out;
    }

    private static <T> List<T> minus(List<T> from, List<T> taken) {
        List<T> out = new ArrayList<>(from);
        out.removeAll(taken);
        return out;
    }

    private interface KernelCall {
        void run() throws IOException;
    }

    private <T> void apply(List<T> specs, KernelCall call, String what) {
        if (specs.isEmpty()) {
            return;
        }
        try {
            call.run();
        } catch (IOException e) {
            errors++;
            LOG.error("{}Failed to {}: {}", logPrefix, what, e.getMessage());
        }
    }

    private static String describe(VirtualRule rule) {
        return (rule.from() == null ? "" : "from " + rule.from() + " ") + (rule.to() == null ? "" : "to " + rule.to() + " ")
                + "preference " + rule.preference();
    }
}
