package org.jkeepalived.netlink.rtm;

/**
 * The rtnetlink numbers this module uses, named as in {@code <linux/netlink.h>},
 * {@code <linux/rtnetlink.h>}, {@code <linux/if_addr.h>}, {@code <linux/if_link.h>},
 * {@code <linux/neighbour.h>} and {@code <linux/fib_rules.h>}. Values are the kernel ABI and never
 * change. Only constants: no state, safe from any thread.
 */
public final class Rtnl {
    private Rtnl() {
    }

    // struct nlmsghdr
    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    /** In an NLMSG_ERROR: the kernel did not echo the request (NETLINK_CAP_ACK). */
    public static final int NLM_F_CAPPED = 0x100;
    /** In an NLMSG_ERROR: extended-ack TLVs follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;
    public static final int NLMSGERR_ATTR_MSG = 1;

    // message types
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    public static final int RTM_GETNEIGH = 30;
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTM_GETRULE = 34;

    // multicast groups (bit masks for sockaddr_nl.nl_groups)
    public static final int RTMGRP_LINK = 0x1;
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;

    // address families
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    // struct ifaddrmsg attributes and flags
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_CACHEINFO = 6;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_DEPRECATED = 0x20;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int INFINITY_LIFE_TIME = 0xFFFFFFFF;

    // scopes (rtm_scope, ifa_scope)
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;

    // struct ifinfomsg attributes and flags
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_AF_SPEC = 26;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_MACVLAN_MODE = 1;
    public static final int MACVLAN_MODE_PRIVATE = 1;
    public static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    public static final int IN6_ADDR_GEN_MODE_NONE = 1;
    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_LOWER_UP = 0x10000;
    public static final int IF_OPER_UP = 6;

    // struct rtmsg attributes and values
    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_TABLE = 15;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;
    public static final int RTPROT_BOOT = 3;
    /** keepalived's route protocol id (rt_protos: "keepalived"). */
    public static final int RTPROT_KEEPALIVED = 18;

    // struct fib_rule_hdr attributes and actions
    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IIFNAME = 3;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;
    /** u8 rule protocol (Linux 4.17+); older kernels ignore it. */
    public static final int FRA_PROTOCOL = 21;
    public static final int FR_ACT_TO_TBL = 1;

    // struct ndmsg attributes, states and flags
    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    public static final int NUD_INCOMPLETE = 0x01;
    public static final int NUD_REACHABLE = 0x02;
    public static final int NUD_STALE = 0x04;
    public static final int NUD_DELAY = 0x08;
    public static final int NUD_PROBE = 0x10;
    public static final int NUD_FAILED = 0x20;
    public static final int NUD_NOARP = 0x40;
    public static final int NUD_PERMANENT = 0x80;
    public static final int NUD_NONE = 0x00;
    /** ndm_flags: "use" the entry, which makes the kernel start resolving it. */
    public static final int NTF_USE = 0x01;

    /** Human name of a message type for error messages and logs. */
    public static String typeName(int type) {
        return switch (type) {
            case RTM_NEWLINK -> "RTM_NEWLINK";
            case RTM_DELLINK -> "RTM_DELLINK";
            case RTM_GETLINK -> "RTM_GETLINK";
            case RTM_NEWADDR -> "RTM_NEWADDR";
            case RTM_DELADDR -> "RTM_DELADDR";
            case RTM_GETADDR -> "RTM_GETADDR";
            case RTM_NEWROUTE -> "RTM_NEWROUTE";
            case RTM_DELROUTE -> "RTM_DELROUTE";
            case RTM_GETROUTE -> "RTM_GETROUTE";
            case RTM_NEWNEIGH -> "RTM_NEWNEIGH";
            case RTM_DELNEIGH -> "RTM_DELNEIGH";
            case RTM_GETNEIGH -> "RTM_GETNEIGH";
            case RTM_NEWRULE -> "RTM_NEWRULE";
            case RTM_DELRULE -> "RTM_DELRULE";
            case RTM_GETRULE -> "RTM_GETRULE";
            default -> "type " + type;
        };
    }
}
