package org.jkeepalived.daemon.doctor.firewall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Firewall rules read from {@code nft -j list ruleset} or {@code iptables-save}, reduced to what
 * decides a probe packet's fate: base chains on hooks, regular chains, rules as conditions plus an
 * action. Immutable once built.
 */
public final class Ruleset {
    /** The device list of a netdev chain whose device the listing does not name. */
    public static final String UNKNOWN_DEVICE = "?";

    /** What a rule does when it matches. */
    public enum Action { ACCEPT, DROP, CONTINUE, JUMP, GOTO, RETURN, UNDECIDABLE }

    /** A rule: every condition must match, then the action applies. */
    public record Rule(List<Function<ProbePacket, Tri>> conditions, Action action, String target, String text) {
        public Rule {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * A chain. Base chains have a hook ("input", "output", …) and a policy; regular chains have
     * neither. {@code families} are the address families it sees ("ip", "ip6"); for the netdev
     * family {@code devices} restricts it to interfaces.
     */
    public record Chain(String origin, String table, String name, String hook, Action policy, List<String> families,
                        List<String> devices, List<Rule> rules) {
        public Chain {
            families = List.copyOf(families);
            devices = List.copyOf(devices);
            rules = List.copyOf(rules);
        }

        /** "nft table ip keepalived chain in", for messages. */
        public String label() {
            return origin + " table " + table + " chain " + name;
        }
    }

    private final List<Chain> chains;
    private final Map<String, Chain> byName = new LinkedHashMap<>();

    public Ruleset(List<Chain> chains) {
        this.chains = List.copyOf(chains);
        for (Chain c : chains) {
            byName.put(key(c.origin(), c.table(), c.name()), c);
        }
    }

    public static Ruleset empty() {
        return new Ruleset(List.of());
    }

    /** Both rule sets, as one (iptables-nft rules also appear in nft's listing: fates agree). */
    public Ruleset with(Ruleset other) {
        List<Chain> all = new ArrayList<>(chains);
        all.addAll(other.chains);
        return new Ruleset(all);
    }

    public List<Chain> chains() {
        return chains;
    }

    /** The chain a jump or goto in {@code from} names, or null. */
    Chain target(Chain from, String name) {
        return byName.get(key(from.origin(), from.table(), name));
    }

    private static String key(String origin, String table, String name) {
        return origin + "\0" + table + "\0" + name;
    }
}
