package org.jkeepalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jkeepalived.config.model.VirtualRoute;
import org.jkeepalived.config.model.VirtualRule;
import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.RuleSpec;
import org.junit.jupiter.api.Test;

/** Order and diffing of virtual routes and rules against a recording route table. */
class InstanceRoutesTest {
    private final List<String> calls = new ArrayList<>();
    private final List<String> detail = new ArrayList<>();

    private final RouteTable recorder = new RouteTable() {
        @Override
        public void addRoutes(List<RouteSpec> routes) {
            routes.forEach(r -> calls.add("+route " + r.destination().getHostAddress() + "/" + r.prefixLength()));
        }

        @Override
        public void removeRoutes(List<RouteSpec> routes) {
            routes.forEach(r -> calls.add("-route " + r.destination().getHostAddress() + "/" + r.prefixLength()));
        }

        @Override
        public void addRules(List<RuleSpec> rules) {
            rules.forEach(r -> calls.add("+rule " + r.priority()));
        }

        @Override
        public void removeRules(List<RuleSpec> rules) throws IOException {
            rules.forEach(r -> calls.add("-rule " + r.priority()));
        }
    };

    private static VirtualRoute route(String prefix) {
        return new VirtualRoute(prefix, "192.0.2.1", "eth0", null, java.util.Map.of(), List.of(), true);
    }

    private static VirtualRule rule(long preference) {
        return new VirtualRule("192.0.2.50", null, "100", preference, java.util.Map.of("table", "100"));
    }

    private InstanceRoutes routes(List<VirtualRoute> routes, List<VirtualRule> rules) {
        return new InstanceRoutes("(VI_1) ", routes, rules, dev -> 3, detail::add);
    }

    @Test
    void installSetsRoutesThenRulesAndRemoveTakesRulesThenRoutes() {
        InstanceRoutes r = routes(List.of(route("198.51.100.0/24")), List.of(rule(200)));
        r.install(recorder);
        assertThat(r.installed()).isTrue();
        r.remove(recorder);
        assertThat(calls).containsExactly("+route 198.51.100.0/24", "+rule 200", "-rule 200", "-route 198.51.100.0/24");
        assertThat(detail).containsExactly("(VI_1) setting Virtual Routes", "(VI_1) setting Virtual Rules",
                "(VI_1) removing Virtual Rules", "(VI_1) removing Virtual Routes");
        assertThat(r.installed()).isFalse();
    }

    @Test
    void removeBeforeAnyInstallCleansWhatTheConfigurationNames() {
        InstanceRoutes r = routes(List.of(route("198.51.100.0/24")), List.of());
        r.remove(recorder);
        assertThat(calls).containsExactly("-route 198.51.100.0/24");
        assertThat(detail).containsExactly("(VI_1) removing Virtual Routes");
    }

    @Test
    void reconfigureWhileInstalledRemovesTheGoneAndAddsTheNewOnly() {
        InstanceRoutes r = routes(List.of(route("198.51.100.0/24"), route("203.0.113.0/24")), List.of(rule(200)));
        r.install(recorder);
        calls.clear();
        r.reconfigure(List.of(route("203.0.113.0/24"), route("198.51.100.128/25")), List.of(rule(201)), recorder);
        assertThat(calls).containsExactly("-rule 200", "-route 198.51.100.0/24", "+route 198.51.100.128/25",
                "+rule 201");
        calls.clear();
        r.remove(recorder);
        assertThat(calls).containsExactly("-rule 201", "-route 203.0.113.0/24", "-route 198.51.100.128/25");
    }

    @Test
    void reconfigureWhileNotInstalledTouchesNothing() {
        InstanceRoutes r = routes(List.of(route("198.51.100.0/24")), List.of());
        r.reconfigure(List.of(route("203.0.113.0/24")), List.of(), recorder);
        assertThat(calls).isEmpty();
        r.install(recorder);
        assertThat(calls).containsExactly("+route 203.0.113.0/24");
    }

    @Test
    void aBatchKeepsARouteThatMovesBetweenInstancesAndOrdersRemovalsFirst() throws Exception {
        RouteBatch batch = new RouteBatch();
        InstanceRoutes leaving = routes(List.of(route("198.51.100.0/24"), route("203.0.113.0/24")), List.of(rule(200)));
        InstanceRoutes taking = routes(List.of(route("198.51.100.0/24")), List.of(rule(300)));
        leaving.install(recorder);
        calls.clear();
        leaving.remove(batch);
        taking.install(batch);
        assertThat(calls).isEmpty();
        batch.applyRemovals(recorder);
        calls.add("| VIPs");
        batch.applyAdditions(recorder);
        assertThat(calls).containsExactly("-rule 200", "-route 203.0.113.0/24", "| VIPs", "+route 198.51.100.0/24",
                "+rule 300");
    }
}
