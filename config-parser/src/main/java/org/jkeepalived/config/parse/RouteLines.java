package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            String next = i + 1 < w.size() ? w.get(i + 1) : null;
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
                if (next == null) {
                    break;
                }
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
                int at = next != null && (next.equals("inet") || next.equals("inet6")) ? i + 2 : i + 1;
                if (at >= w.size()) {
                    break;
                }
                if (!Addresses.isIpAddress(w.get(at))) {
                    st.report(GENERAL_ERROR, "invalid route via address " + w.get(at));
                    return null;
                }
                via = w.get(at);
                i = at + 1;
            } else if (word.equals("or")) {
                st.report(GENERAL_ERROR, "\"or\" for routes is deprecated. Please use \"nexthop\"");
                if (next != null) {
                    nexthops.add(List.of("via", next));
                }
                i += 2;
            } else if (word.equals("mtu")) {
                int at = "lock".equals(next) ? i + 2 : i + 1;
                options.put("mtu", at < w.size() ? w.get(at) : "");
                i = at + 1;
            } else if (ROUTE_VALUE_OPTS.contains(word) && next != null) {
                if (word.equals("table")) {
                    table = next;
                }
                options.put(word, next);
                i += 2;
            } else if (ROUTE_FLAGS.contains(word)) {
                noTrack |= word.equals("no_track");
                options.put(word, "");
                i++;
            } else if (word.equals("to")) {
                i++;
            } else if (ROUTE_TYPES.contains(word) && dest == null) {
                options.put("type", word);
                i++;
            } else if (dest == null) {
                dest = word;
                i++;
            } else {
                st.report(GENERAL_ERROR, "unknown route keyword " + word);
                return null;
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
        return new VirtualRoute(dest.equals("default") ? "default" : dest, via, dev, table, options, nexthops, tracked);
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
                st.report(GENERAL_ERROR, "Unknown rule option " + word);
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
