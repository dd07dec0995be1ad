package org.jkeepalived.daemon.doctor.firewall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jkeepalived.daemon.doctor.Json;
import org.jkeepalived.daemon.doctor.firewall.Ruleset.Action;
import org.jkeepalived.daemon.doctor.firewall.Ruleset.Chain;
import org.jkeepalived.daemon.doctor.firewall.Ruleset.Rule;

/**
 * Reads {@code nft -j list ruleset} (libnftables JSON schema 1) into a {@link Ruleset}: tables of
 * the ip, ip6, inet and netdev families, their filter and route chains, named sets, and rules.
 * Matches on fields the doctor knows (protocol, addresses, interfaces, ICMP type, ct state,
 * pkttype) are judged; anything else is "cannot tell". Verdict maps are expanded into one rule
 * per entry. Stateless; thread-safe.
 */
public final class NftRules {
    private NftRules() {
    }

    /** Parses the JSON text; throws {@link IllegalArgumentException} when it is not nft's JSON. */
    public static Ruleset parse(String json) {
        return parse(json, Map.of());
    }

    /**
     * As {@link #parse(String)}, with the devices of netdev chains ("netdev TABLE CHAIN" → names)
     * that nft 1.0.6 prints only in its text listing (see {@link #netdevDevices(String)}).
     */
    public static Ruleset parse(String json, Map<String, List<String>> netdevDevices) {
        Object root = Json.parse(json);
        if (!(root instanceof Map<?, ?> top) || !(top.get("nftables") instanceof List<?> items)) {
            throw new IllegalArgumentException("not nft JSON: no \"nftables\" array");
        }
        Map<String, String> tableFamilies = new HashMap<>();
        Map<String, List<Object>> sets = new HashMap<>();
        Map<String, Map<String, Object>> chainObjects = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> rulesByChain = new HashMap<>();
        for (Object item : items) {
            Map<String, Object> entry = map(item);
            if (entry.get("table") != null) {
                Map<String, Object> t = map(entry.get("table"));
                tableFamilies.put(str(t.get("family")) + " " + str(t.get("name")), str(t.get("family")));
            } else if (entry.get("set") != null) {
                Map<String, Object> s = map(entry.get("set"));
                Object elems = s.get("elem");
                sets.put(tableKey(s) + " " + str(s.get("name")), elems instanceof List<?> l ? List.copyOf(l) : List.of());
            } else if (entry.get("chain") != null) {
                Map<String, Object> c = map(entry.get("chain"));
                chainObjects.put(tableKey(c) + " " + str(c.get("name")), c);
            } else if (entry.get("rule") != null) {
                Map<String, Object> r = map(entry.get("rule"));
                rulesByChain.computeIfAbsent(tableKey(r) + " " + str(r.get("chain")), k -> new ArrayList<>()).add(r);
            }
        }
        List<Chain> chains = new ArrayList<>();
        for (var e : chainObjects.entrySet()) {
            Chain chain = chain(e.getValue(), rulesByChain.getOrDefault(e.getKey(), List.of()), sets,
                    netdevDevices.get(e.getKey()));
            if (chain != null) {
                chains.add(chain);
            }
        }
        return new Ruleset(chains);
    }

    private static Chain chain(Map<String, Object> c, List<Map<String, Object>> ruleObjects,
                               Map<String, List<Object>> sets, List<String> listedDevices) {
        String family = str(c.get("family"));
        List<String> families = switch (family) {
            case "ip" -> List.of("ip");
            case "ip6" -> List.of("ip6");
            case "inet", "netdev" -> List.of("ip", "ip6");
            default -> List.of();
        };
        if (families.isEmpty() || "nat".equals(c.get("type"))) {
            return null;
        }
        String hook = c.get("hook") == null ? null : str(c.get("hook"));
        Action policy = "drop".equals(c.get("policy")) ? Action.DROP : Action.ACCEPT;
        List<String> devices = new ArrayList<>();
        Object dev = c.get("dev");
        if (dev instanceof String d) {
            devices.add(d);
        } else if (dev instanceof List<?> list) {
            list.forEach(d -> devices.add(str(d)));
        } else if (listedDevices != null) {
            devices.addAll(listedDevices);
        } else if (family.equals("netdev") || "ingress".equals(hook) || "egress".equals(hook)) {
            // nft 1.0.6 leaves the device out of its JSON: the chain may or may not see our interface
            devices.add(Ruleset.UNKNOWN_DEVICE);
        }
        String table = family + " " + str(c.get("table"));
        List<Rule> rules = new ArrayList<>();
        for (Map<String, Object> r : ruleObjects) {
            rules.addAll(rule(r, table, sets));
        }
        return new Chain("nft", table, str(c.get("name")), hook, policy, families, devices, rules);
    }

    /**
     * The devices of per-device base chains (netdev, and inet ingress) from nft's text listing
     * ({@code nft list ruleset}): the {@code device "eth0"} or {@code devices = { a, b }} of their
     * hook line, keyed "FAMILY TABLE CHAIN".
     */
    public static Map<String, List<String>> netdevDevices(String listing) {
        Map<String, List<String>> out = new HashMap<>();
        String table = null;
        String chain = null;
        java.util.regex.Pattern one = java.util.regex.Pattern.compile("\\bdevice\\s+\"?([^\"\\s;]+)\"?");
        java.util.regex.Pattern many = java.util.regex.Pattern.compile("\\bdevices\\s*=\\s*\\{([^}]*)}");
        for (String raw : listing.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("table ")) {
                String[] f = line.split("\\s+");
                table = f.length >= 3 ? f[1] + " " + f[2] : null;
                chain = null;
            } else if (line.startsWith("chain ") && table != null) {
                chain = line.split("\\s+")[1];
            } else if (table != null && chain != null && line.contains("hook ")) {
                List<String> devices = new ArrayList<>();
                java.util.regex.Matcher m = many.matcher(line);
                if (m.find()) {
                    for (String d : m.group(1).split(",")) {
                        devices.add(d.trim().replace("\"", ""));
                    }
                } else {
                    m = one.matcher(line);
                    if (m.find()) {
                        devices.add(m.group(1));
                    }
                }
                if (!devices.isEmpty()) {
                    out.put(table + " " + chain, devices);
                }
            }
        }
        return out;
    }

    /** One nft rule as one rule, or several when it ends in a verdict map. */
    private static List<Rule> rule(Map<String, Object> r, String table, Map<String, List<Object>> sets) {
        List<Function<ProbePacket, Tri>> conditions = new ArrayList<>();
        List<String> text = new ArrayList<>();
        Action action = Action.CONTINUE;
        String target = null;
        Object exprs = r.get("expr");
        if (!(exprs instanceof List<?> list)) {
            return List.of();
        }
        for (Object o : list) {
            Map<String, Object> stmt = map(o);
            if (stmt.isEmpty()) {
                continue;
            }
            String kind = stmt.keySet().iterator().next();
            Object body = stmt.get(kind);
            text.add(kind.equals("match") ? describe(map(body))
                    : kind.equals("vmap") ? operand(map(body).get("key")) + " vmap" : kind + targetText(body));
            switch (kind) {
                case "match" -> conditions.add(NftMatch.condition(map(body), table, sets));
                case "accept" -> action = Action.ACCEPT;
                case "drop", "reject" -> action = Action.DROP;
                case "return" -> action = Action.RETURN;
                case "continue", "counter", "log", "comment", "notrack", "mangle", "set", "quota", "meta", "ct",
                     "dup", "fwd", "snat", "dnat", "masquerade", "redirect", "tproxy", "synproxy", "flow" -> {
                    // no verdict, no match: the walk goes on (quota/flow cannot drop without a verdict)
                }
                case "jump", "goto" -> {
                    action = kind.equals("jump") ? Action.JUMP : Action.GOTO;
                    target = str(map(body).get("target"));
                }
                case "vmap" -> {
                    return verdictMap(map(body), conditions, table, sets, String.join(" ", text));
                }
                default -> {
                    // limit, xt (iptables-nft compatibility), queue, …: the doctor cannot judge them
                    conditions.add(p -> Tri.UNKNOWN);
                    if (kind.equals("queue")) {
                        action = Action.UNDECIDABLE;
                    }
                }
            }
        }
        return List.of(new Rule(conditions, action, target, String.join(" ", text)));
    }

    private static List<Rule> verdictMap(Map<String, Object> vmap, List<Function<ProbePacket, Tri>> before,
                                         String table, Map<String, List<Object>> sets, String text) {
        Object data = vmap.get("data");
        Object entries = data instanceof Map<?, ?> m ? m.get("set") : null;
        if (!(entries instanceof List<?> list)) {
            List<Function<ProbePacket, Tri>> unknown = new ArrayList<>(before);
            unknown.add(p -> Tri.UNKNOWN);
            return List.of(new Rule(unknown, Action.UNDECIDABLE, null, text));
        }
        List<Rule> rules = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof List<?> pair) || pair.size() != 2) {
                continue;
            }
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("op", "==");
            match.put("left", vmap.get("key"));
            match.put("right", pair.get(0));
            List<Function<ProbePacket, Tri>> conditions = new ArrayList<>(before);
            conditions.add(NftMatch.condition(match, table, sets));
            Map<String, Object> verdict = map(pair.get(1));
            String kind = verdict.isEmpty() ? "" : verdict.keySet().iterator().next();
            Action action = switch (kind) {
                case "accept" -> Action.ACCEPT;
                case "drop", "reject" -> Action.DROP;
                case "return" -> Action.RETURN;
                case "continue" -> Action.CONTINUE;
                case "jump" -> Action.JUMP;
                case "goto" -> Action.GOTO;
                default -> Action.UNDECIDABLE;
            };
            String target = action == Action.JUMP || action == Action.GOTO ? str(map(verdict.get(kind)).get("target")) : null;
            rules.add(new Rule(conditions, action, target, text + " [" + pair.get(0) + " : " + kind + "]"));
        }
        return rules;
    }

    /** A match in nft's own syntax, near enough for a message ("ip daddr == @vips"). */
    private static String describe(Map<String, Object> match) {
        return operand(match.get("left")) + " " + match.get("op") + " " + operand(match.get("right"));
    }

    private static String operand(Object o) {
        if (o instanceof List<?> list) {
            return list.stream().map(NftRules::operand).collect(java.util.stream.Collectors.joining(", ", "{ ", " }"));
        }
        Map<String, Object> m = map(o);
        if (m.isEmpty()) {
            return str(o);
        }
        String key = m.keySet().iterator().next();
        Map<String, Object> body = map(m.get(key));
        return switch (key) {
            case "payload" -> body.containsKey("protocol") ? str(body.get("protocol")) + " " + str(body.get("field"))
                    : "payload";
            case "meta", "ct" -> key + " " + str(body.get("key"));
            case "prefix" -> str(body.get("addr")) + "/" + str(body.get("len"));
            case "set" -> operand(m.get("set"));
            case "range" -> m.get("range") instanceof List<?> r && r.size() == 2
                    ? operand(r.get(0)) + "-" + operand(r.get(1)) : "range";
            default -> key;
        };
    }

    private static String targetText(Object body) {
        if (body instanceof Map<?, ?> m && m.get("target") != null) {
            return " " + m.get("target");
        }
        return "";
    }

    private static String tableKey(Map<String, Object> object) {
        return str(object.get("family")) + " " + str(object.get("table"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
