package org.jkeepalived.daemon.doctor.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jkeepalived.daemon.doctor.firewall.Ruleset.Action;
import org.jkeepalived.daemon.doctor.firewall.Ruleset.Chain;
import org.jkeepalived.daemon.doctor.firewall.Ruleset.Rule;

/**
 * Reads {@code iptables-save} / {@code ip6tables-save} output into a {@link Ruleset}: the raw,
 * mangle, filter and security tables (nat never drops), built-in chains with their policies, user
 * chains, and rules. Judged options: {@code -p -s -d -i -o}, {@code --ctstate/--state},
 * {@code --pkt-type}, {@code --icmp-type/--icmpv6-type}, {@code --dst-type MULTICAST}; any other
 * match option is "cannot tell". Stateless; thread-safe.
 */
public final class IptablesRules {
    private static final Map<String, String> HOOKS = Map.of("PREROUTING", "prerouting", "INPUT", "input",
            "FORWARD", "forward", "OUTPUT", "output", "POSTROUTING", "postrouting");
    private static final Set<String> TABLES = Set.of("raw", "mangle", "filter", "security");
    private static final Set<String> NON_TERMINATING = Set.of("LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CT",
            "NOTRACK", "TRACE", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "TCPMSS", "AUDIT", "SECMARK", "CONNSECMARK");

    private IptablesRules() {
    }

    /**
     * Parses one save file.
     *
     * @param text   the output of iptables-save (family "ip") or ip6tables-save ("ip6")
     * @param family "ip" or "ip6"
     */
    public static Ruleset parse(String text, String family) {
        String origin = family.equals("ip6") ? "ip6tables" : "iptables";
        List<Chain> chains = new ArrayList<>();
        String table = null;
        Map<String, String> policies = new LinkedHashMap<>();
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                line = line.substring(line.indexOf(']') + 1).strip();
            }
            if (line.startsWith("*")) {
                table = line.substring(1);
                policies.clear();
                rules.clear();
            } else if (line.startsWith(":") && table != null) {
                String[] f = line.substring(1).split("\\s+");
                policies.put(f[0], f.length > 1 ? f[1] : "-");
                rules.put(f[0], new ArrayList<>());
            } else if (line.startsWith("-A ") && table != null) {
                List<String> words = words(line);
                if (words.size() >= 2) {
                    rules.computeIfAbsent(words.get(1), k -> new ArrayList<>())
                            .add(rule(words.subList(2, words.size()), policies.keySet(), line));
                }
            } else if (line.equals("COMMIT") && table != null) {
                if (TABLES.contains(table)) {
                    for (var e : policies.entrySet()) {
                        boolean builtIn = !e.getValue().equals("-");
                        chains.add(new Chain(origin, table, e.getKey(), builtIn ? HOOKS.get(e.getKey()) : null,
                                e.getValue().equals("DROP") ? Action.DROP : Action.ACCEPT, List.of(family), List.of(),
                                rules.getOrDefault(e.getKey(), List.of())));
                    }
                }
                table = null;
            }
        }
        return new Ruleset(chains);
    }

    private static Rule rule(List<String> w, java.util.Collection<String> chainNames, String text) {
        List<Function<ProbePacket, Tri>> conditions = new ArrayList<>();
        Action action = Action.CONTINUE;
        String target = null;
        boolean negate = false;
        boolean afterTarget = false;
        for (int i = 0; i < w.size(); i++) {
            String option = w.get(i);
            if (option.equals("!")) {
                negate = true;
                continue;
            }
            String value = i + 1 < w.size() ? w.get(i + 1) : "";
            Function<ProbePacket, Tri> condition = null;
            switch (option) {
                case "-p", "--protocol" -> condition = protocol(value);
                case "-s", "--source" -> condition = p -> any(value, v -> Values.addressIn(p.source(), v));
                case "-d", "--destination" -> condition = p -> any(value, v -> Values.addressIn(p.destination(), v));
                case "-i", "--in-interface" -> condition = p -> Tri.of(Values.interfaceMatches(p.inInterface(), value));
                case "-o", "--out-interface" -> condition = p -> Tri.of(Values.interfaceMatches(p.outInterface(), value));
                case "--ctstate", "--state" -> condition = p -> p.ctStateIn(
                        Arrays.asList(value.toLowerCase(Locale.ROOT).split(",")));
                case "--pkt-type" -> condition = p -> Tri.of(value.equals(p.multicast() ? "multicast" : "host"));
                case "--icmp-type", "--icmpv6-type" -> condition = p -> p.icmpType() == null ? Tri.NO_MATCH
                        : Values.icmpTypeMatches(value, p.icmpType(), p.ipv6());
                case "--dst-type" -> condition = p -> value.equals("MULTICAST") ? Tri.of(p.multicast()) : Tri.UNKNOWN;
                case "-m", "--match", "--comment" -> {
                    i++;
                    continue;
                }
                case "-j", "--jump", "-g", "--goto" -> {
                    target = value;
                    action = targetAction(value, chainNames, option.startsWith("-g") || option.equals("--goto"));
                    afterTarget = true;
                    i++;
                    continue;
                }
                default -> {
                    if (!afterTarget && option.startsWith("-")) {
                        // a match option the doctor does not judge (ipset, marks, ports of another protocol…)
                        conditions.add(p -> Tri.UNKNOWN);
                    }
                    continue;
                }
            }
            boolean not = negate;
            Function<ProbePacket, Tri> judged = condition;
            conditions.add(not ? p -> judged.apply(p).not() : judged);
            negate = false;
            i++;
        }
        return new Rule(conditions, action, target, text);
    }

    private static Function<ProbePacket, Tri> protocol(String value) {
        if (value.equalsIgnoreCase("all") || value.equals("0")) {
            return p -> Tri.MATCH;
        }
        int number = Values.protocol(value);
        return p -> number < 0 ? Tri.UNKNOWN : Tri.of(number == p.protocol());
    }

    private static Action targetAction(String target, java.util.Collection<String> chainNames, boolean isGoto) {
        return switch (target) {
            case "ACCEPT" -> Action.ACCEPT;
            case "DROP", "REJECT" -> Action.DROP;
            case "RETURN" -> Action.RETURN;
            default -> {
                if (NON_TERMINATING.contains(target)) {
                    yield Action.CONTINUE;
                }
                if (chainNames.contains(target)) {
                    yield isGoto ? Action.GOTO : Action.JUMP;
                }
                yield Action.UNDECIDABLE;
            }
        };
    }

    /** iptables-save lists several addresses as "a,b" only in -s/-d; each is a CIDR. */
    private static Tri any(String list, Function<String, Tri> test) {
        Tri result = Tri.NO_MATCH;
        for (String v : list.split(",")) {
            Tri t = test.apply(v);
            if (t == Tri.MATCH) {
                return t;
            }
            if (t == Tri.UNKNOWN) {
                result = t;
            }
        }
        return result;
    }

    /** Splits a save line into words; double quotes group (comments), backslash escapes. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
