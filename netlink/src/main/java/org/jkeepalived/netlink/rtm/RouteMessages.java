package org.jkeepalived.netlink.rtm;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE in pure Java. A table above 255 goes in
 * {@code RTA_TABLE} with {@code rtm_table} = RT_TABLE_UNSPEC, as iproute2 does. Stateless.
 */
public final class RouteMessages {
    /** struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type (u8), flags u32. */
    public static final int RTMSG_SIZE = 12;

    private RouteMessages() {
    }

    /** Appends an RTM_NEWROUTE ({@code NLM_F_CREATE|NLM_F_REPLACE}) asking for an ACK. */
    public static void add(MessageWriter out, int sequence, RouteSpec route) {
        out.beginMessage(Rtnl.RTM_NEWROUTE,
            Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_REPLACE, sequence);
        body(out, route);
        out.endMessage();
    }

    /** Appends an RTM_DELROUTE asking for an ACK. */
    public static void delete(MessageWriter out, int sequence, RouteSpec route) {
        out.beginMessage(Rtnl.RTM_DELROUTE, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, sequence);
        body(out, route);
        out.endMessage();
    }

    /** Appends a route lookup for {@code destination} (the kernel answers with one RTM_NEWROUTE). */
    public static void lookup(MessageWriter out, int sequence, InetAddress destination) {
        boolean v4 = destination.getAddress().length == 4;
        out.beginMessage(Rtnl.RTM_GETROUTE, Rtnl.NLM_F_REQUEST, sequence);
        out.u8(v4 ? Rtnl.AF_INET : Rtnl.AF_INET6).u8(v4 ? 32 : 128).u8(0).u8(0)
            .u8(0).u8(0).u8(0).u8(0).u32(0);
        out.attribute(Rtnl.RTA_DST, destination.getAddress());
        out.endMessage();
    }

    /** The result of a route lookup: gateway (or {@code null} when on-link) and output ifindex. */
    public record Lookup(InetAddress gateway, int outputIndex) {
    }

    /** Decodes the answer to {@link #lookup}. */
    public static Lookup parseLookup(ByteBuffer payload) {
        if (payload.remaining() < RTMSG_SIZE) {
            throw new IllegalArgumentException("rtmsg truncated: " + payload.remaining() + " bytes");
        }
        Attributes attributes = Attributes.parse(payload, RTMSG_SIZE);
        return new Lookup(attributes.address(Rtnl.RTA_GATEWAY), attributes.u32(Rtnl.RTA_OIF, 0));
    }

    private static void body(MessageWriter out, RouteSpec route) {
        int table = route.table();
        out.u8(route.family())
            .u8(route.prefixLength())
            .u8(0)
            .u8(0)
            .u8(table < 256 ? table : 0)
            .u8(route.protocol())
            .u8(route.scope())
            .u8(route.type())
            .u32(0);
        if (route.destination() != null) {
            out.attribute(Rtnl.RTA_DST, route.destination().getAddress());
        }
        if (route.gateway() != null) {
            out.attribute(Rtnl.RTA_GATEWAY, route.gateway().getAddress());
        }
        if (route.deviceIndex() != 0) {
            out.attributeU32(Rtnl.RTA_OIF, route.deviceIndex());
        }
        if (route.source() != null) {
            out.attribute(Rtnl.RTA_PREFSRC, route.source().getAddress());
        }
        if (route.metric() >= 0) {
            out.attributeU32(Rtnl.RTA_PRIORITY, route.metric());
        }
        out.attributeU32(Rtnl.RTA_TABLE, table);
    }
}
