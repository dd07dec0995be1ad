package org.jkeepalived.netlink.rtm;

import java.net.InetAddress;

/**
 * A policy-routing rule to add or delete ({@code virtual_rules}, {@code static_rules}); the
 * action is always "lookup {@code table}".
 *
 * @param family       AF_INET or AF_INET6
 * @param from         source prefix, or {@code null} for all
 * @param fromLength   source prefix length
 * @param to           destination prefix, or {@code null} for all
 * @param toLength     destination prefix length
 * @param table        table to look up
 * @param priority     rule preference, or -1 to let the kernel choose
 * @param fwmark       firewall mark, or -1 for none
 * @param fwmask       mark mask (used only with {@code fwmark}), or -1 for none
 * @param inputDevice  {@code iif} name, or {@code null}
 * @param outputDevice {@code oif} name, or {@code null}
 */
public record RuleSpec(int family, InetAddress from, int fromLength, InetAddress to, int toLength,
                       int table, int priority, int fwmark, int fwmask, String inputDevice,
                       String outputDevice) {

    public RuleSpec {
        if (family != Rtnl.AF_INET && family != Rtnl.AF_INET6) {
            throw new IllegalArgumentException("rule family must be AF_INET or AF_INET6: " + family);
        }
    }

    /** "from PREFIX lookup TABLE [pref PRIORITY]". */
    public static RuleSpec from(InetAddress from, int fromLength, int table, int priority) {
        int family = from.getAddress().length == 4 ? Rtnl.AF_INET : Rtnl.AF_INET6;
        return new RuleSpec(family, from, fromLength, null, 0, table, priority, -1, -1, null, null);
    }
}
