package org.jkeepalived.daemon.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.jkeepalived.config.model.VirtualRoute;
import org.jkeepalived.config.model.VirtualRule;
import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.RuleSpec;
import org.jkeepalived.netlink.rtm.Rtnl;

/**
 * Maps the parser's {@code virtual_routes}/{@code static_routes} and {@code virtual_rules}/
 * {@code static_rules} lines onto what the netlink port can install, with keepalived 2.2.7's
 * choices (observed in a namespace): every route and rule has protocol {@code keepalived} (18),
 * a route's scope is global unless {@code scope} says otherwise (even {@code dev X} without
 * {@code via}, unlike {@code ip route}), no metric unless given.
 *
 * <p>Options that only tune a route ({@code mtu}, {@code advmss}, {@code pref}, …) cannot be
 * expressed and are listed by {@link #ignoredOptions}; a line whose meaning depends on an option
 * that cannot be expressed (multipath {@code nexthop}, {@code encap}, a rule action other than a
 * table lookup, a selector such as {@code tos} or {@code not}) is not installed at all, and
 * {@link #route}/{@link #rule} say why. Stateless; safe from any thread.
 */
public final class RouteMapping {
    /** Route options a RouteSpec carries, or that only change what keepalived tracks. */
    private static final Set<String> ROUTE_MAPPED = Set.of("type", "src", "table", "metric", "priority",
            "preference", "protocol", "scope", "no_track", "inet", "inet6", "add", "track_group");
    /** Route options without which the route would mean something else: such a route is not installed. */
    private static final Set<String> ROUTE_ESSENTIAL = Set.of("encap", "tos", "dsfield", "from", "vrf", "as");
    /** Rule options a RuleSpec carries, or that only change what keepalived tracks. */
    private static final Set<String> RULE_MAPPED = Set.of("table", "lookup", "preference", "order", "priority",
            "fwmark", "dev", "iif", "oif", "no_track", "inet", "inet6", "track_group", "protocol");
    /** Route types as rtnetlink numbers them. */
    private static final Map<String, Integer> ROUTE_TYPES = Map.of("unicast", Rtnl.RTN_UNICAST, "local", 2,
            "broadcast", 3, "anycast", 4, "multicast", 5, "blackhole", Rtnl.RTN_BLACKHOLE,
            "unreachable", Rtnl.RTN_UNREACHABLE, "prohibit", Rtnl.RTN_PROHIBIT, "throw", 9, "nat", 10);
    private static final Map<String, Integer> SCOPES = Map.of("global", 0, "universe", 0, "site", 200,
            "link", Rtnl.RT_SCOPE_LINK, "host", Rtnl.RT_SCOPE_HOST, "nowhere", 255);
    private static final Map<String, Integer> PROTOCOLS = Map.of("redirect", 1, "kernel", 2, "boot", 3,
            "static", 4, "keepalived", Rtnl.RTPROT_KEEPALIVED);
    private static final Path RT_TABLES = Path.of("/etc/iproute2/rt_tables");

    private RouteMapping() {
    }

    /** What a line maps to: the spec, or null with the reason it cannot be installed. */
    public record Mapped<T>(T spec, String skipReason) {
        static <T> Mapped<T> of(T spec) {
            return new Mapped<>(spec, null);
        }

        static <T> Mapped<T> skip(String reason) {
            return new Mapped<>(null, reason);
        }
    }

    /** The options of {@code route} that are dropped when it is installed (logged as having no effect). */
    public static List<String> ignoredOptions(VirtualRoute route) {
        List<String> out = new ArrayList<>();
        for (String option : route.options().keySet()) {
            if (!ROUTE_MAPPED.contains(option) && !ROUTE_ESSENTIAL.contains(option)) {
                out.add(option);
            }
        }
        return out;
    }

    /**
     * The route to install for {@code route}; {@code ifindex} gives a device's index (0 when it
     * does not exist).
     */
    public static Mapped<RouteSpec> route(VirtualRoute route, ToIntFunction<String> ifindex) {
        if (!route.nexthops().isEmpty()) {
            return Mapped.skip("multipath (nexthop) routes are not supported");
        }
        for (String option : route.options().keySet()) {
            if (ROUTE_ESSENTIAL.contains(option)) {
                return Mapped.skip("option " + option + " is not supported");
            }
        }
        try {
            return Mapped.of(routeSpec(route, ifindex));
        } catch (IllegalArgumentException e) {
            return Mapped.skip(e.getMessage());
        }
    }

    private static RouteSpec routeSpec(VirtualRoute route, ToIntFunction<String> ifindex) {
        Map<String, String> options = route.options();
        InetAddress gateway = route.via() == null ? null : address(route.via());
        Prefix destination = destination(route.destination(), gateway, options.containsKey("inet6"));
        int family = destination.ipv6 ? Rtnl.AF_INET6 : Rtnl.AF_INET;
        int deviceIndex = 0;
        if (route.dev() != null) {
            deviceIndex = ifindex.applyAsInt(route.dev());
            if (deviceIndex <= 0) {
                throw new IllegalArgumentException("interface " + route.dev() + " does not exist");
            }
        }
        InetAddress source = options.containsKey("src") ? address(options.get("src")) : null;
        int table = route.table() == null ? Rtnl.RT_TABLE_MAIN : table(route.table());
        int metric = -1;
        for (String key : List.of("metric", "priority", "preference")) {
            if (options.containsKey(key)) {
                metric = (int) unsigned(options.get(key), 0xFFFF_FFFFL, key);
            }
        }
        int protocol = options.containsKey("protocol") ? named(PROTOCOLS, options.get("protocol"), "protocol")
                : Rtnl.RTPROT_KEEPALIVED;
        int scope = options.containsKey("scope") ? named(SCOPES, options.get("scope"), "scope")
                : Rtnl.RT_SCOPE_UNIVERSE;
        int type = options.containsKey("type") ? named(ROUTE_TYPES, options.get("type"), "type") : Rtnl.RTN_UNICAST;
        return new RouteSpec(family, destination.address, destination.length, gateway, deviceIndex, source,
                table, metric, protocol, scope, type);
    }

    /** The rule to install for {@code rule}. */
    public static Mapped<RuleSpec> rule(VirtualRule rule) {
        for (String option : rule.options().keySet()) {
            if (!RULE_MAPPED.contains(option)) {
                return Mapped.skip("option " + option + " is not supported");
            }
        }
        if (rule.table() == null) {
            return Mapped.skip("only \"table\" (lookup) rules are supported");
        }
        try {
            Map<String, String> options = rule.options();
            boolean ipv6 = options.containsKey("inet6");
            Prefix from = rule.from() == null || rule.from().equals("all") ? null : prefix(rule.from());
            Prefix to = rule.to() == null || rule.to().equals("all") ? null : prefix(rule.to());
            ipv6 |= from != null && from.ipv6 || to != null && to.ipv6;
            int fwmark = -1;
            int fwmask = -1;
            String mark = options.get("fwmark");
            if (mark != null) {
                int slash = mark.indexOf('/');
                fwmark = (int) unsigned(slash < 0 ? mark : mark.substring(0, slash), 0xFFFF_FFFFL, "fwmark");
                fwmask = slash < 0 ? -1 : (int) unsigned(mark.substring(slash + 1), 0xFFFF_FFFFL, "fwmark mask");
            }
            String iif = options.getOrDefault("iif", options.get("dev"));
            return Mapped.of(new RuleSpec(ipv6 ? Rtnl.AF_INET6 : Rtnl.AF_INET,
                    from == null ? null : from.address, from == null ? 0 : from.length,
                    to == null ? null : to.address, to == null ? 0 : to.length,
                    table(rule.table()), (int) rule.preference(), fwmark, fwmask, iif, options.get("oif")));
        } catch (IllegalArgumentException e) {
            return Mapped.skip(e.getMessage());
        }
    }

    /** A table number or a name from iproute2's rt_tables ({@code main}, {@code local}, {@code default} built in). */
    static int table(String word) {
        switch (word) {
            case "main":
                return Rtnl.RT_TABLE_MAIN;
            case "local":
                return 255;
            case "default":
                return 253;
            default:
                break;
        }
        if (word.chars().allMatch(Character::isDigit)) {
            return (int) unsigned(word, 0xFFFF_FFFFL, "table");
        }
        try {
            for (String line : Files.readAllLines(RT_TABLES)) {
                String[] words = line.trim().split("\\s+");
                if (words.length >= 2 && words[1].equals(word) && words[0].chars().allMatch(Character::isDigit)) {
                    return (int) Long.parseLong(words[0]);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // fall through: unknown table
        }
        throw new IllegalArgumentException("unknown routing table " + word);
    }

    private record Prefix(InetAddress address, int length, boolean ipv6) {
    }

    private static Prefix destination(String word, InetAddress gateway, boolean inet6) {
        boolean gatewayIpv6 = gateway != null && gateway.getAddress().length == 16;
        switch (word) {
            case "default", "any", "all":
                return new Prefix(null, 0, gatewayIpv6 || inet6);
            case "default6":
                return new Prefix(null, 0, true);
            default:
                Prefix p = prefix(word);
                if (gateway != null && gatewayIpv6 != p.ipv6) {
                    throw new IllegalArgumentException("gateway and destination families differ");
                }
                return p;
        }
    }

    private static Prefix prefix(String word) {
        int slash = word.indexOf('/');
        InetAddress address = address(slash < 0 ? word : word.substring(0, slash));
        boolean ipv6 = address.getAddress().length == 16;
        int bits = ipv6 ? 128 : 32;
        int length = slash < 0 ? bits : (int) unsigned(word.substring(slash + 1), bits, "prefix length");
        return new Prefix(address, length, ipv6);
    }

    private static InetAddress address(String literal) {
        if (literal.isEmpty() || !(literal.indexOf(':') >= 0 || literal.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
    }

    private static int named(Map<String, Integer> names, String word, String what) {
        Integer known = names.get(word.toLowerCase(Locale.ROOT));
        return known != null ? known : (int) unsigned(word, 255, what);
    }

    private static long unsigned(String word, long max, String what) {
        try {
            long value = word.startsWith("0x") ? Long.parseLong(word.substring(2), 16) : Long.parseLong(word);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid " + what + " " + word);
    }
}
