package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jkeepalived.config.lex.LogicalLine;
import org.jkeepalived.config.model.VirtualRoute;
import org.jkeepalived.config.model.VirtualRule;

/**
 * The {@code ip route} / {@code ip rule} line grammars of virtual/static routes and rules
 * ({@code alloc_route}, {@code alloc_rule}). Only the checks that keepalived reports at parse time
 * and that do not need the kernel are made; a dropped line returns null.
 */
final class RouteLines {
    private static final Set<String> ROUTE_TYPES = Set.of("unicast", "blackhole", "unreachable", "prohibit", "throw",
            "local", "broadcast", "anycast", "multicast", "nat");
    private static final Set<String> ROUTE_VALUE_OPTS = Set.of("src", "table", "scope", "metric", "priority",
            "preference", "tos", "dsfield", "protocol", "advmss", "rtt", "rttvar", "reordering", "window", "cwnd",
            "ssthresh", "realms", "rto_min", "initcwnd", "initrwnd", "features", "quickack", "congctl", "pref",
            "ttl-propagate", "fastopen_no_cookie", "expires", "from", "vrf", "track_group", "as");
    private static final Set<String> ROUTE_FLAGS = Set.of("onlink", "no_track", "inet", "inet6", "add", "prepend",
            "append");
    private static final Set<String> RULE_VALUE_OPTS = Set.of("table", "lookup", "preference", "order", "priority",
            "tos", "dsfield", "fwmark", "realms", "suppress_prefixlength", "sup_pl", "suppress_ifgroup", "sup_group",
            "dev", "iif", "oif", "tunnel-id", "uidrange", "protocol", "ipproto", "sport", "dport", "track_group",
            "goto", "type");
    private static final Set<String> RULE_ACTIONS = Set.of("nop", "blackhole", "prohibit", "unreachable", "l3mdev");

    private RouteLines() {
    }

    static VirtualRoute parseRoute(ParseState st, List<String> w, boolean isStatic) {
        LogicalLine asLine = new LogicalLine(st.current().location(), String.join(" ", w), w);
        Map<String, String> options = new LinkedHashMap<>();
        List<List<String>> nexthops = new ArrayList<>();
        String dest = null;
        String via = null;
        String dev = null;
        String table = null;
        boolean noTrack = false;
        int i = 0;
        while (i < w.size()) {
            String word = w.get(i);
            if (word.equals("nexthop")) {
                List<String> hop = new ArrayList<>(w.subList(i + 1, w.size()));
                if (!checkNexthopDevs(st, hop)) {
                    return null;
                }
                nexthops.add(hop);
                break;
            } else if (word.equals("encap")) {
                options.put("encap", String.join(" ", w.subList(i + 1, w.size())));
                break;
            } else if (word.equals("dev") || word.equals("oif")) {
                String next = st.arg(asLine, i + 1);
                if (!VrrpHandlers.interfaceUsable(st, next)) {
                    st.report(GENERAL_ERROR, "WARNING - interface " + next + " for VROUTE nexthop doesn't exist");
                    return null;
                }
                dev = next;
                i += 2;
            } else if (word.equals("via") || word.equals("gw")) {
                if (word.equals("gw")) {
                    st.report(GENERAL_ERROR, "\"gw\" for routes is deprecated. Please use \"via\"");
                }
                String next = st.arg(asLine, i + 1);
                boolean family = next.equals("inet") || next.equals("inet6");
                int at = family ? i + 2 : i + 1;
                if (family && dest != null && next.equals("inet6") != isIpv6Destination(dest)) {
                    st.report(GENERAL_ERROR, "Cannot mix IPv4 and IPv6 addresses for route");
                    return null;
                }
                String addr = st.arg(asLine, at);
                if (!Addresses.isIpAddress(addr)) {
                    st.report(GENERAL_ERROR, "VRRP parsed invalid IP " + addr + ". skipping IP...");
                    st.report(GENERAL_ERROR, "invalid route via address " + addr);
                    return null;
                }
                if (dest != null && (addr.indexOf(':') >= 0) != isIpv6Destination(dest)) {
                    st.report(GENERAL_ERROR, "Cannot mix IPv4 and IPv6 addresses for route");
                    return null;
                }
                via = addr;
                i = at + 1;
            } else if (word.equals("or")) {
                st.report(GENERAL_ERROR, "\"or\" for routes is deprecated. Please use \"nexthop\"");
                nexthops.add(List.of("via", st.arg(asLine, i + 1)));
                i += 2;
            } else if (word.equals("mtu")) {
                int at = "lock".equals(st.arg(asLine, i + 1)) ? i + 2 : i + 1;
                options.put("mtu", st.arg(asLine, at));
                i = at + 1;
            } else if (ROUTE_VALUE_OPTS.contains(word)) {
                String next = st.arg(asLine, i + 1);
                if (word.equals("table")) {
                    if (!RtTables.isKnown(next)) {
                        st.report(GENERAL_ERROR, "Routing table " + next + " not found for route");
                        return null;
                    }
                    table = next;
                }
                options.put(word, next);
                i += 2;
            } else if (ROUTE_FLAGS.contains(word)) {
                noTrack |= word.equals("no_track");
                options.put(word, "");
                i++;
            } else {
                if (word.equals("to")) {
                    i++;
                }
                if (i < w.size() && (ROUTE_TYPES.contains(w.get(i)) || isNumericType(w.get(i)))) {
                    options.put("type", w.get(i));
                    i++;
                }
                dest = st.arg(asLine, i);
                if (!isRouteDestination(st, dest)) {
                    st.report(GENERAL_ERROR, "unknown route keyword " + dest);
                    return null;
                }
                if (via != null && (via.indexOf(':') >= 0) != isIpv6Destination(dest)) {
                    st.report(GENERAL_ERROR, "Cannot mix IPv4 and IPv6 addresses for route (" + dest + ")");
                    return null;
                }
                i++;
            }
        }
        if (dest == null) {
            st.report(GENERAL_ERROR, "Route must have a destination");
            return null;
        }
        boolean tracked = !noTrack;
        if (tracked && dev == null) {
            st.report(GENERAL_ERROR, "Warning - cannot track route " + dest + " with no interface specified, not tracking");
            tracked = false;
        }
        return new VirtualRoute(dest, via, dev, table, options, nexthops, tracked);
    }

    /** rt_tables-style numeric route type (0..255), as find_rttables_rtntype accepts. */
    private static boolean isNumericType(String word) {
        return word.matches("\\d{1,3}") && Integer.parseInt(word) <= 255;
    }

    /** keepalived's parse_route: default/any/all/default6, or an address with optional prefix. */
    private static boolean isRouteDestination(ParseState st, String dest) {
        if (dest.equals("default") || dest.equals("any") || dest.equals("all") || dest.equals("default6")) {
            return true;
        }
        return AddressLines.parsePrefix(st, dest, true) != null;
    }

    private static boolean isIpv6Destination(String dest) {
        return dest.indexOf(':') >= 0 || dest.equals("default6");
    }

    private static boolean checkNexthopDevs(ParseState st, List<String> hop) {
        for (int j = 0; j + 1 < hop.size(); j++) {
            if (hop.get(j).equals("dev") && !VrrpHandlers.interfaceUsable(st, hop.get(j + 1))) {
                st.report(GENERAL_ERROR, "WARNING - interface " + hop.get(j + 1) + " for VROUTE nexthop doesn't exist");
                return false;
            }
        }
        return true;
    }

    static VirtualRule parseRule(ParseState st, List<String> w, boolean isStatic) {
        Map<String, String> options = new LinkedHashMap<>();
        String from = null;
        String to = null;
        String table = null;
        Long preference = null;
        boolean action = false;
        int i = 0;
        while (i < w.size()) {
            String word = w.get(i);
            String next = i + 1 < w.size() ? w.get(i + 1) : null;
            if ((word.equals("from") || word.equals("to")) && next != null) {
                if (!next.equals("all") && AddressLines.parsePrefix(st, next, true) == null) {
                    st.report(GENERAL_ERROR, "Invalid rule " + word + " address " + next);
                    return null;
                }
                if (word.equals("from")) {
                    from = next;
                } else {
                    to = next;
                }
                i += 2;
            } else if ((word.equals("dev") || word.equals("iif") || word.equals("oif")) && next != null) {
                if (!VrrpHandlers.interfaceUsable(st, next)) {
                    st.report(GENERAL_ERROR, "WARNING - interface " + next + " for rule doesn't exist");
                    return null;
                }
                options.put(word, next);
                i += 2;
            } else if (RULE_VALUE_OPTS.contains(word) && next != null) {
                if (word.equals("table") || word.equals("lookup")) {
                    if (!RtTables.isKnown(next)) {
                        st.report(GENERAL_ERROR, "Routing table " + next + " not found for rule");
                        return null;
                    }
                    table = next;
                    action = true;
                } else if (word.equals("goto") || word.equals("type")) {
                    action = true;
                } else if (word.equals("preference") || word.equals("order") || word.equals("priority")) {
                    Long v = Numbers.readUnsigned(st, next, 0, 4294967295L);
                    if (v == null) {
                        st.report(GENERAL_ERROR, "Invalid rule preference " + next + " specified");
                        return null;
                    }
                    preference = v;
                }
                options.put(word, next);
                i += 2;
            } else if (RULE_ACTIONS.contains(word)) {
                action = true;
                options.put(word, "");
                i++;
            } else if (word.equals("no_track") || word.equals("inet") || word.equals("inet6") || word.equals("not")) {
                options.put(word, "");
                i++;
            } else {
                st.report(GENERAL_ERROR, (isNumericType(word) ? "Invalid rule action " : "Unknown rule option ") + word);
                return null;
            }
        }
        if (!action) {
            st.report(GENERAL_ERROR, "No action specified for rule - ignoring");
            return null;
        }
        if (preference == null) {
            preference = st.drafts().nextRulePreference--;
            st.report(GENERAL_ERROR, "Rule has no preference specified - setting to " + preference
                    + ". This is probably not what you want.");
        }
        return new VirtualRule(from, to, table, preference, options);
    }
}
