package org.jkeepalived.daemon.doctor.firewall;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One nft {@code match} expression as a condition on a probe packet. The left side names a packet
 * field (payload, meta or ct key); the right side is a value, a prefix, a range, an anonymous set
 * or a named set of the same table. A field of another protocol header than the packet's is a
 * sure non-match (nft's implicit dependency); an unknown field or value is "cannot tell".
 */
final class NftMatch {
    private static final Set<Integer> PORT_PROTOCOLS = Set.of(6, 17, 33, 132, 136);

    private NftMatch() {
    }

    static Function<ProbePacket, Tri> condition(Map<String, Object> match, String table,
                                               Map<String, List<Object>> sets) {
        String op = NftRules.str(match.get("op"));
        Object left = match.get("left");
        List<Object> right = alternatives(match.get("right"), table, sets);
        boolean negate = op.equals("!=");
        boolean equality = op.equals("==") || op.equals("in") || negate;
        return packet -> {
            if (!equality) {
                return Tri.UNKNOWN;
            }
            if (dependencyFails(NftRules.map(left), packet)) {
                return Tri.NO_MATCH;
            }
            Tri t = judge(left, right, packet);
            return negate ? t.not() : t;
        };
    }

    /** Flattens the right-hand side into the values any of which may match. */
    private static List<Object> alternatives(Object right, String table, Map<String, List<Object>> sets) {
        List<Object> out = new ArrayList<>();
        if (right instanceof String s && s.startsWith("@")) {
            List<Object> named = sets.get(table + " " + s.substring(1));
            if (named == null) {
                out.add(UNKNOWN_VALUE);
            } else {
                named.forEach(v -> out.addAll(alternatives(v, table, sets)));
            }
        } else if (right instanceof List<?> list) {
            list.forEach(v -> out.addAll(alternatives(v, table, sets)));
        } else if (right instanceof Map<?, ?> m && m.get("set") instanceof List<?> list) {
            list.forEach(v -> out.addAll(alternatives(v, table, sets)));
        } else if (right instanceof Map<?, ?> m && m.get("elem") instanceof Map<?, ?> elem) {
            out.addAll(alternatives(elem.get("val"), table, sets));
        } else if (right != null) {
            out.add(right);
        }
        return out;
    }

    private static final Object UNKNOWN_VALUE = new Object();

    /**
     * nft adds an implicit dependency to a header field ("ip saddr" needs an IPv4 packet, "tcp
     * dport" a TCP one): when it fails the rule does not match, even with "!=".
     */
    private static boolean dependencyFails(Map<String, Object> left, ProbePacket p) {
        Map<String, Object> payload = NftRules.map(left.get("payload"));
        String protocol = NftRules.str(payload.get("protocol"));
        return switch (protocol) {
            case "" -> false;
            case "ip", "ip6" -> p.ipv6() != protocol.equals("ip6");
            case "icmp" -> p.protocol() != ProbePacket.PROTOCOL_ICMP;
            case "icmpv6" -> p.protocol() != ProbePacket.PROTOCOL_ICMPV6;
            case "th" -> !PORT_PROTOCOLS.contains(p.protocol());
            default -> {
                int number = Values.protocol(protocol);
                yield number >= 0 && number != p.protocol();
            }
        };
    }

    private static Tri judge(Object left, List<Object> right, ProbePacket p) {
        Map<String, Object> l = NftRules.map(left);
        if (l.get("payload") != null) {
            return payload(NftRules.map(l.get("payload")), right, p);
        }
        if (l.get("meta") != null) {
            return meta(NftRules.str(NftRules.map(l.get("meta")).get("key")), right, p);
        }
        if (l.get("ct") != null && "state".equals(NftRules.map(l.get("ct")).get("key"))) {
            List<String> states = new ArrayList<>();
            for (Object v : right) {
                if (v == UNKNOWN_VALUE) {
                    return Tri.UNKNOWN;
                }
                states.add(NftRules.str(v));
            }
            return p.ctStateIn(states);
        }
        return Tri.UNKNOWN;
    }

    private static Tri payload(Map<String, Object> payload, List<Object> right, ProbePacket p) {
        String protocol = NftRules.str(payload.get("protocol"));
        String field = NftRules.str(payload.get("field"));
        switch (protocol) {
            case "ip", "ip6" -> {
                if (p.ipv6() != protocol.equals("ip6")) {
                    return Tri.NO_MATCH;
                }
                return switch (field) {
                    case "protocol", "nexthdr" -> any(right, v -> Tri.of(Values.protocol(NftRules.str(v)) == p.protocol()));
                    case "saddr" -> any(right, v -> address(p.source(), v));
                    case "daddr" -> any(right, v -> address(p.destination(), v));
                    default -> Tri.UNKNOWN;
                };
            }
            case "icmp", "icmpv6" -> {
                int wanted = protocol.equals("icmp") ? ProbePacket.PROTOCOL_ICMP : ProbePacket.PROTOCOL_ICMPV6;
                if (p.protocol() != wanted) {
                    return Tri.NO_MATCH;
                }
                return field.equals("type")
                        ? any(right, v -> Values.icmpTypeMatches(NftRules.str(v), p.icmpType(), p.ipv6()))
                        : Tri.UNKNOWN;
            }
            case "th" -> {
                return PORT_PROTOCOLS.contains(p.protocol()) ? Tri.UNKNOWN : Tri.NO_MATCH;
            }
            default -> {
                int number = Values.protocol(protocol);
                if (number >= 0) {
                    return number == p.protocol() ? Tri.UNKNOWN : Tri.NO_MATCH;
                }
                return Tri.UNKNOWN;
            }
        }
    }

    private static Tri meta(String key, List<Object> right, ProbePacket p) {
        return switch (key) {
            case "l4proto" -> any(right, v -> Tri.of(Values.protocol(NftRules.str(v)) == p.protocol()));
            case "nfproto" -> any(right, v -> Tri.of(NftRules.str(v).equals(p.ipv6() ? "ipv6" : "ipv4")));
            case "protocol" -> any(right, v -> Tri.of(NftRules.str(v).equals(p.ipv6() ? "ip6" : "ip")));
            case "iifname", "iif" -> any(right, v -> Tri.of(Values.interfaceMatches(p.inInterface(), NftRules.str(v))));
            case "oifname", "oif" -> any(right, v -> Tri.of(Values.interfaceMatches(p.outInterface(), NftRules.str(v))));
            case "pkttype" -> any(right, v -> Tri.of(NftRules.str(v).equals(p.multicast() ? "multicast" : "host")));
            default -> Tri.UNKNOWN;
        };
    }

    private static Tri address(InetAddress address, Object value) {
        if (value instanceof Map<?, ?> m && m.get("prefix") instanceof Map<?, ?> prefix) {
            return Values.addressIn(address, prefix.get("addr") + "/" + prefix.get("len"));
        }
        if (value instanceof Map<?, ?> m && m.get("range") instanceof List<?> range && range.size() == 2) {
            return Values.addressInRange(address, NftRules.str(range.get(0)), NftRules.str(range.get(1)));
        }
        if (value instanceof String s) {
            return Values.addressIn(address, s);
        }
        return Tri.UNKNOWN;
    }

    /** MATCH if any alternative matches, NO_MATCH if none can, UNKNOWN otherwise. */
    private static Tri any(List<Object> right, Function<Object, Tri> test) {
        Tri result = Tri.NO_MATCH;
        for (Object v : right) {
            Tri t = v == UNKNOWN_VALUE ? Tri.UNKNOWN : test.apply(v);
            if (t == Tri.MATCH) {
                return Tri.MATCH;
            }
            if (t == Tri.UNKNOWN) {
                result = Tri.UNKNOWN;
            }
        }
        return result;
    }
}
