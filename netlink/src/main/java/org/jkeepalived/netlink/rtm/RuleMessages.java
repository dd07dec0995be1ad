package org.jkeepalived.netlink.rtm;

/** RTM_NEWRULE / RTM_DELRULE in pure Java. Stateless; safe from any thread. */
public final class RuleMessages {
    /** struct fib_rule_hdr: family, dst_len, src_len, tos, table, res1, res2, action (u8), flags u32. */
    public static final int FIB_RULE_HDR_SIZE = 12;

    private RuleMessages() {
    }

    /**
     * Appends an RTM_NEWRULE ({@code NLM_F_CREATE|NLM_F_EXCL}) asking for an ACK. The rule's
     * protocol is keepalived's (18), as keepalived 2.2.7 sets it ({@code ip rule} shows
     * "proto keepalived"); a delete names no protocol, so it matches a rule whatever its protocol.
     */
    public static void add(MessageWriter out, int sequence, RuleSpec rule) {
        out.beginMessage(Rtnl.RTM_NEWRULE,
            Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL, sequence);
        body(out, rule);
        out.attributeU8(Rtnl.FRA_PROTOCOL, Rtnl.RTPROT_KEEPALIVED);
        out.endMessage();
    }

    /** Appends an RTM_DELRULE asking for an ACK. */
    public static void delete(MessageWriter out, int sequence, RuleSpec rule) {
        out.beginMessage(Rtnl.RTM_DELRULE, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, sequence);
        body(out, rule);
        out.endMessage();
    }

    private static void body(MessageWriter out, RuleSpec rule) {
        int table = rule.table();
        out.u8(rule.family())
            .u8(rule.to() == null ? 0 : rule.toLength())
            .u8(rule.from() == null ? 0 : rule.fromLength())
            .u8(0)
            .u8(table < 256 ? table : 0)
            .u8(0)
            .u8(0)
            .u8(Rtnl.FR_ACT_TO_TBL)
            .u32(0);
        if (rule.priority() >= 0) {
            out.attributeU32(Rtnl.FRA_PRIORITY, rule.priority());
        }
        out.attributeU32(Rtnl.FRA_TABLE, table);
        if (rule.from() != null) {
            out.attribute(Rtnl.FRA_SRC, rule.from().getAddress());
        }
        if (rule.to() != null) {
            out.attribute(Rtnl.FRA_DST, rule.to().getAddress());
        }
        if (rule.fwmark() >= 0) {
            out.attributeU32(Rtnl.FRA_FWMARK, rule.fwmark());
            if (rule.fwmask() >= 0) {
                out.attributeU32(Rtnl.FRA_FWMASK, rule.fwmask());
            }
        }
        if (rule.inputDevice() != null) {
            out.attributeString(Rtnl.FRA_IIFNAME, rule.inputDevice());
        }
        if (rule.outputDevice() != null) {
            out.attributeString(Rtnl.FRA_OIFNAME, rule.outputDevice());
        }
    }
}
