package org.jkeepalived.daemon.doctor.firewall;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jkeepalived.daemon.doctor.firewall.Ruleset.Action;
import org.jkeepalived.daemon.doctor.firewall.Ruleset.Chain;
import org.jkeepalived.daemon.doctor.firewall.Ruleset.Rule;

/**
 * Walks a probe packet through every base chain on the hooks it passes, as netfilter does: each
 * base chain runs to a verdict (accept ends only that chain, drop ends the packet), jumps return,
 * gotos do not. A match the doctor cannot judge splits the walk: both ways are followed, and when
 * they disagree the packet's fate is {@link Fate.Outcome#UNDECIDED}. So a
 * {@link Fate.Outcome#DROPPED} verdict is certain. Stateless; thread-safe.
 */
public final class FirewallEvaluator {
    private static final int MAX_JUMP_DEPTH = 32;

    private FirewallEvaluator() {
    }

    /** The packet's fate under {@code rules}. */
    public static Fate fate(Ruleset rules, ProbePacket packet) {
        String family = packet.ipv6() ? "ip6" : "ip";
        Fate undecided = null;
        for (String hook : packet.hooks()) {
            for (Chain chain : rules.chains()) {
                boolean deviceUnknown = chain.devices().contains(Ruleset.UNKNOWN_DEVICE);
                if (!hook.equals(chain.hook()) || !chain.families().contains(family)
                        || (!chain.devices().isEmpty() && !deviceUnknown
                        && !chain.devices().contains(packet.interfaceName()))) {
                    continue;
                }
                Result r = new Walk(rules, packet).chain(chain, 0);
                Result base = r.kind == Kind.RETURN ? policy(chain) : r;
                if (deviceUnknown && base.kind == Kind.DROP) {
                    base = new Result(Kind.UNDECIDED, base.where + " (on a device the listing does not name)");
                }
                if (base.kind == Kind.DROP) {
                    return new Fate(Fate.Outcome.DROPPED, base.where);
                }
                if (base.kind == Kind.UNDECIDED && undecided == null) {
                    undecided = new Fate(Fate.Outcome.UNDECIDED, base.where);
                }
            }
        }
        return undecided != null ? undecided : Fate.ACCEPTED;
    }

    private static Result policy(Chain chain) {
        return chain.policy() == Action.DROP
                ? new Result(Kind.DROP, chain.label() + " policy drop")
                : new Result(Kind.ACCEPT, "");
    }

    private enum Kind { ACCEPT, DROP, RETURN, UNDECIDED }

    private record Result(Kind kind, String where) {
        static final Result RETURN = new Result(Kind.RETURN, "");

        /** The result when a rule's match is uncertain: the same either way, or undecided. */
        Result either(Result other, String rule) {
            if (kind == other.kind) {
                return this;
            }
            return new Result(Kind.UNDECIDED, rule);
        }
    }

    /** One packet's walk, memoising chain positions so uncertain matches stay linear. */
    private static final class Walk {
        private final Ruleset rules;
        private final ProbePacket packet;
        private final Map<String, Result> memo = new HashMap<>();

        Walk(Ruleset rules, ProbePacket packet) {
            this.rules = rules;
            this.packet = packet;
        }

        Result chain(Chain chain, int depth) {
            return from(chain, 0, depth);
        }

        private Result from(Chain chain, int index, int depth) {
            if (index >= chain.rules().size()) {
                return Result.RETURN;
            }
            String key = chain.label() + "#" + index;
            Result known = memo.get(key);
            if (known != null) {
                return known;
            }
            Result result = step(chain, index, depth);
            memo.put(key, result);
            return result;
        }

        private Result step(Chain chain, int index, int depth) {
            Rule rule = chain.rules().get(index);
            Tri match = Tri.MATCH;
            for (var condition : rule.conditions()) {
                match = match.and(condition.apply(packet));
                if (match == Tri.NO_MATCH) {
                    break;
                }
            }
            if (match == Tri.NO_MATCH || rule.action() == Action.CONTINUE) {
                return from(chain, index + 1, depth);
            }
            String where = chain.label() + ": " + rule.text();
            Result ifMatched = apply(chain, index, rule, where, depth);
            return match == Tri.MATCH ? ifMatched : ifMatched.either(from(chain, index + 1, depth), where);
        }

        private Result apply(Chain chain, int index, Rule rule, String where, int depth) {
            switch (rule.action()) {
                case ACCEPT:
                    return new Result(Kind.ACCEPT, where);
                case DROP:
                    return new Result(Kind.DROP, where);
                case RETURN:
                    return Result.RETURN;
                case JUMP:
                case GOTO:
                    Chain target = rules.target(chain, rule.target());
                    if (target == null || depth >= MAX_JUMP_DEPTH) {
                        return new Result(Kind.UNDECIDED, where);
                    }
                    Result sub = chain(target, depth + 1);
                    if (sub.kind != Kind.RETURN) {
                        return sub;
                    }
                    return rule.action() == Action.JUMP ? from(chain, index + 1, depth) : Result.RETURN;
                default:
                    return new Result(Kind.UNDECIDED, where);
            }
        }
    }

    /** The fates of several packets, for tests and messages. */
    public static List<Fate> fates(Ruleset rules, List<ProbePacket> packets) {
        return packets.stream().map(p -> fate(rules, p)).toList();
    }
}
