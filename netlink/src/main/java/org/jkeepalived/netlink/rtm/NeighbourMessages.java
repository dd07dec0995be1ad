package org.jkeepalived.netlink.rtm;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * RTM_GETNEIGH dumps and the RTM_NEWNEIGH "use" request that makes the kernel resolve a
 * neighbour it does not know yet (as {@code ip neigh replace ADDR dev DEV use} does). Stateless.
 */
public final class NeighbourMessages {
    /** struct ndmsg: family u8, pad u8, pad u16, ifindex s32, state u16, flags u8, type u8. */
    public static final int NDMSG_SIZE = 12;

    private NeighbourMessages() {
    }

    /** Appends a dump request for the neighbour table of {@code family}. */
    public static void dumpRequest(MessageWriter out, int sequence, int family) {
        out.beginMessage(Rtnl.RTM_GETNEIGH, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, sequence);
        out.u8(family).u8(0).u16(0).u32(0).u16(0).u8(0).u8(0);
        out.endMessage();
    }

    /**
     * Appends a request that creates (if absent) the entry for {@code address} on {@code index}
     * and marks it used, which starts ARP/ND resolution.
     */
    public static void triggerResolution(MessageWriter out, int sequence, int index, InetAddress address) {
        boolean v4 = address.getAddress().length == 4;
        out.beginMessage(Rtnl.RTM_NEWNEIGH, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE,
            sequence);
        out.u8(v4 ? Rtnl.AF_INET : Rtnl.AF_INET6).u8(0).u16(0).u32(index)
            .u16(Rtnl.NUD_NONE).u8(Rtnl.NTF_USE).u8(0);
        out.attribute(Rtnl.NDA_DST, address.getAddress());
        out.endMessage();
    }

    /** Decodes the payload of an RTM_NEWNEIGH. */
    public static NeighbourEntry parse(ByteBuffer payload) {
        if (payload.remaining() < NDMSG_SIZE) {
            throw new IllegalArgumentException("ndmsg truncated: " + payload.remaining() + " bytes");
        }
        int index = payload.getInt(4);
        int state = payload.getShort(8) & 0xffff;
        Attributes attributes = Attributes.parse(payload, NDMSG_SIZE);
        return new NeighbourEntry(index, attributes.address(Rtnl.NDA_DST),
            attributes.bytes(Rtnl.NDA_LLADDR), state);
    }
}
