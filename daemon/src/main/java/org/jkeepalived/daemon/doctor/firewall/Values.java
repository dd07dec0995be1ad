package org.jkeepalived.daemon.doctor.firewall;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * Value comparisons shared by the nft and iptables readers: protocol names, address prefixes and
 * ranges, interface-name wildcards, ICMP type names. Stateless; thread-safe.
 */
final class Values {
    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
            Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51), Map.entry("ipv6-icmp", 58),
            Map.entry("icmpv6", 58), Map.entry("icmp6", 58), Map.entry("vrrp", 112), Map.entry("sctp", 132),
            Map.entry("udplite", 136), Map.entry("dccp", 33), Map.entry("comp", 108));
    private static final Map<String, Integer> ICMP_TYPES = Map.of("echo-request", 8, "echo-reply", 0);
    private static final Map<String, Integer> ICMPV6_TYPES = Map.of("echo-request", 128, "echo-reply", 129);

    private static final java.util.regex.Pattern IPV4_LITERAL =
            java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final java.util.regex.Pattern IPV6_LITERAL = java.util.regex.Pattern.compile("[0-9a-fA-F:.]+");

    private Values() {
    }

    /** A protocol given by name or number; -1 when unknown. */
    static int protocol(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        Integer named = PROTOCOLS.get(t);
        if (named != null) {
            return named;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether ICMP type {@code given} (name or number) is {@code packetType} ("echo-request"). */
    static Tri icmpTypeMatches(String given, String packetType, boolean v6) {
        if (packetType == null) {
            return Tri.UNKNOWN;
        }
        String g = given.toLowerCase(Locale.ROOT);
        if (g.equals(packetType)) {
            return Tri.MATCH;
        }
        Integer number = (v6 ? ICMPV6_TYPES : ICMP_TYPES).get(packetType);
        try {
            return Tri.of(number != null && Integer.parseInt(g.split("/")[0]) == number);
        } catch (NumberFormatException e) {
            // another type name: it is not ours when both are known names
            return Tri.of(false);
        }
    }

    /** Whether {@code address} is in "ADDR", "ADDR/LEN" or "ADDR/MASK"; UNKNOWN if unparsable. */
    static Tri addressIn(InetAddress address, String cidr) {
        if (address == null) {
            return Tri.UNKNOWN;
        }
        int slash = cidr.indexOf('/');
        String base = slash < 0 ? cidr : cidr.substring(0, slash);
        InetAddress net = parse(base);
        if (net == null) {
            return Tri.UNKNOWN;
        }
        if (net.getAddress().length != address.getAddress().length) {
            return Tri.NO_MATCH;
        }
        int bits = net.getAddress().length * 8;
        if (slash >= 0) {
            String len = cidr.substring(slash + 1);
            if (len.contains(".")) {
                InetAddress mask = parse(len);
                if (mask == null) {
                    return Tri.UNKNOWN;
                }
                return Tri.of(maskedEqual(address.getAddress(), net.getAddress(), mask.getAddress()));
            }
            try {
                bits = Integer.parseInt(len);
            } catch (NumberFormatException e) {
                return Tri.UNKNOWN;
            }
        }
        return Tri.of(prefixEqual(address.getAddress(), net.getAddress(), bits));
    }

    /** Whether {@code address} is within [low, high]. */
    static Tri addressInRange(InetAddress address, String low, String high) {
        if (address == null) {
            return Tri.UNKNOWN;
        }
        InetAddress a = parse(low);
        InetAddress b = parse(high);
        if (a == null || b == null) {
            return Tri.UNKNOWN;
        }
        byte[] x = address.getAddress();
        if (a.getAddress().length != x.length) {
            return Tri.NO_MATCH;
        }
        return Tri.of(java.util.Arrays.compareUnsigned(x, a.getAddress()) >= 0
                && java.util.Arrays.compareUnsigned(x, b.getAddress()) <= 0);
    }

    /** An interface name against a pattern with a trailing wildcard ("eth*" for nft, "eth+" for iptables). */
    static boolean interfaceMatches(String name, String pattern) {
        if (name == null) {
            return false;
        }
        if (pattern.endsWith("*") || pattern.endsWith("+")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return name.equals(pattern);
    }

    /** A literal IPv4/IPv6 address, or null (never resolves names: only literals reach getByName). */
    static InetAddress parse(String text) {
        boolean v4 = IPV4_LITERAL.matcher(text).matches();
        boolean v6 = text.indexOf(':') >= 0 && IPV6_LITERAL.matcher(text).matches();
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean prefixEqual(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean maskedEqual(byte[] a, byte[] b, byte[] mask) {
        if (mask.length != a.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & mask[i]) != (b[i] & mask[i])) {
                return false;
            }
        }
        return true;
    }
}
