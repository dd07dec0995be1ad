package org.jkeepalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.VirtualRoute;
import org.jkeepalived.config.model.VirtualRule;
import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.RuleSpec;
import org.jkeepalived.netlink.rtm.Rtnl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived.conf route and rule lines, read by the real parser, mapped to what the kernel is
 * asked for; the expected values are what keepalived 2.2.7 installed for the same lines in a
 * namespace ({@code ip -d route}, {@code ip rule}): protocol keepalived, scope global, no metric.
 */
class RouteMappingTest {

    @TempDir
    Path dir;

    private KeepalivedConfig parse(String routes, String rules) throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n"
                + " virtual_ipaddress {\n  192.0.2.50/24\n }\n virtual_routes {\n" + routes + "\n }\n"
                + " virtual_rules {\n" + rules + "\n }\n}\n");
        ParseOptions options = new ParseOptions("lb1", false, HostInterfaces.of(Map.of("eth0", List.of("192.0.2.1/24"),
                "eth1", List.of("198.51.100.1/24"))), ScriptEnvironment.system(), dir);
        return ConfigParser.parse(conf, options).config();
    }

    private List<VirtualRoute> routes(String... lines) throws IOException {
        return parse(String.join("\n", lines), "").vrrpInstances().get(0).virtualRoutes();
    }

    private List<VirtualRule> rules(String... lines) throws IOException {
        return parse("", String.join("\n", lines)).vrrpInstances().get(0).virtualRules();
    }

    private static int ifindex(String dev) {
        return switch (dev) {
            case "eth0" -> 3;
            case "eth1" -> 4;
            default -> 0;
        };
    }

    private static RouteSpec spec(VirtualRoute route) {
        RouteMapping.Mapped<RouteSpec> mapped = RouteMapping.route(route, RouteMappingTest::ifindex);
        assertThat(mapped.skipReason()).isNull();
        return mapped.spec();
    }

    @Test
    void viaAndDevIsAUnicastRouteInMainWithProtocolKeepalivedAndScopeGlobal() throws Exception {
        RouteSpec route = spec(routes("198.51.100.0/24 via 192.0.2.1 dev eth0").get(0));
        assertThat(route).isEqualTo(new RouteSpec(Rtnl.AF_INET, InetAddress.getByName("198.51.100.0"), 24,
                InetAddress.getByName("192.0.2.1"), 3, null, Rtnl.RT_TABLE_MAIN, -1, Rtnl.RTPROT_KEEPALIVED,
                Rtnl.RT_SCOPE_UNIVERSE, Rtnl.RTN_UNICAST));
    }

    @Test
    void devWithoutGatewayKeepsScopeGlobalAsKeepalivedDoes() throws Exception {
        RouteSpec route = spec(routes("203.0.113.0/26 dev eth0 table 100 metric 7 src 192.0.2.50").get(0));
        assertThat(route.scope()).isEqualTo(Rtnl.RT_SCOPE_UNIVERSE);
        assertThat(route.table()).isEqualTo(100);
        assertThat(route.metric()).isEqualTo(7);
        assertThat(route.source()).isEqualTo(InetAddress.getByName("192.0.2.50"));
        assertThat(route.gateway()).isNull();
        assertThat(route.deviceIndex()).isEqualTo(3);
    }

    @Test
    void typesScopesProtocolsAndDefaults() throws Exception {
        List<VirtualRoute> lines = routes("blackhole 198.51.100.128/25 table 100",
                "unreachable 203.0.113.64/26", "default via 192.0.2.254 dev eth0 scope link protocol static",
                "2001:db8:5::/64 via 2001:db8::1 dev eth1 preference 9");
        assertThat(spec(lines.get(0)).type()).isEqualTo(Rtnl.RTN_BLACKHOLE);
        assertThat(spec(lines.get(0)).deviceIndex()).isZero();
        assertThat(spec(lines.get(1)).type()).isEqualTo(Rtnl.RTN_UNREACHABLE);
        RouteSpec defaultRoute = spec(lines.get(2));
        assertThat(defaultRoute.destination()).isNull();
        assertThat(defaultRoute.prefixLength()).isZero();
        assertThat(defaultRoute.scope()).isEqualTo(Rtnl.RT_SCOPE_LINK);
        assertThat(defaultRoute.protocol()).isEqualTo(4);
        RouteSpec v6 = spec(lines.get(3));
        assertThat(v6.family()).isEqualTo(Rtnl.AF_INET6);
        assertThat(v6.metric()).isEqualTo(9);
        assertThat(v6.deviceIndex()).isEqualTo(4);
    }

    @Test
    void tuningOptionsAreListedAsIgnoredAndTheRouteStillMaps() throws Exception {
        VirtualRoute route = routes("198.51.100.0/24 via 192.0.2.1 dev eth0 mtu 1400 advmss 1360 no_track").get(0);
        assertThat(RouteMapping.ignoredOptions(route)).containsExactlyInAnyOrder("mtu", "advmss");
        assertThat(spec(route).prefixLength()).isEqualTo(24);
    }

    @Test
    void multipathAndMissingDeviceAreNotInstalledAndSayWhy() throws Exception {
        VirtualRoute multipath = routes("198.51.100.0/24 nexthop via 192.0.2.1 dev eth0 nexthop via 192.0.2.2 dev eth0")
                .get(0);
        assertThat(RouteMapping.route(multipath, RouteMappingTest::ifindex).skipReason()).contains("nexthop");
        VirtualRoute onEth1 = routes("198.51.100.0/24 via 198.51.100.7 dev eth1").get(0);
        RouteMapping.Mapped<RouteSpec> gone = RouteMapping.route(onEth1, dev -> 0);
        assertThat(gone.spec()).isNull();
        assertThat(gone.skipReason()).isEqualTo("interface eth1 does not exist");
    }

    @Test
    void rulesMapSelectorsTableAndPreference() throws Exception {
        List<VirtualRule> lines = rules("from 192.0.2.50 table 100 preference 200",
                "to 198.51.100.7/32 table 100 preference 201 fwmark 5/0xff", "iif eth0 lookup 100 preference 202",
                "from 2001:db8::/64 oif eth1 table 101 preference 203");
        assertThat(RouteMapping.rule(lines.get(0)).spec()).isEqualTo(new RuleSpec(Rtnl.AF_INET,
                InetAddress.getByName("192.0.2.50"), 32, null, 0, 100, 200, -1, -1, null, null));
        assertThat(RouteMapping.rule(lines.get(1)).spec()).isEqualTo(new RuleSpec(Rtnl.AF_INET, null, 0,
                InetAddress.getByName("198.51.100.7"), 32, 100, 201, 5, 0xff, null, null));
        assertThat(RouteMapping.rule(lines.get(2)).spec()).isEqualTo(new RuleSpec(Rtnl.AF_INET, null, 0, null, 0,
                100, 202, -1, -1, "eth0", null));
        RuleSpec v6 = RouteMapping.rule(lines.get(3)).spec();
        assertThat(v6.family()).isEqualTo(Rtnl.AF_INET6);
        assertThat(v6.fromLength()).isEqualTo(64);
        assertThat(v6.outputDevice()).isEqualTo("eth1");
    }

    @Test
    void rulesWithOtherActionsOrSelectorsAreNotInstalled() throws Exception {
        List<VirtualRule> lines = rules("from 192.0.2.60 blackhole preference 300",
                "from 192.0.2.61 tos 0x10 table 100 preference 301");
        assertThat(RouteMapping.rule(lines.get(0)).skipReason()).contains("blackhole");
        assertThat(RouteMapping.rule(lines.get(1)).skipReason()).contains("tos");
    }

    @Test
    void tableNamesFromIproute() {
        assertThat(RouteMapping.table("main")).isEqualTo(254);
        assertThat(RouteMapping.table("local")).isEqualTo(255);
        assertThat(RouteMapping.table("1000")).isEqualTo(1000);
    }
}
