package org.jkeepalived.netlink.rtm;

import java.nio.ByteBuffer;

/**
 * RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK in pure Java: link dumps and the private-mode macvlan
 * keepalived creates for {@code use_vmac}. Stateless; safe from any thread.
 */
public final class LinkMessages {
    /** struct ifinfomsg: family u8, pad u8, type u16, index s32, flags u32, change u32. */
    public static final int IFINFOMSG_SIZE = 16;

    private LinkMessages() {
    }

    /** Appends a dump request for every link. */
    public static void dumpRequest(MessageWriter out, int sequence) {
        out.beginMessage(Rtnl.RTM_GETLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, sequence);
        ifinfomsg(out, 0, 0, 0);
        out.endMessage();
    }

    /**
     * Appends a request creating a macvlan named {@code name} on {@code parentIndex}, in private
     * mode with {@code mac}, left down. Fails with EEXIST when the name is taken. The kernel
     * refuses IFLA_AF_SPEC while creating a link (EAFNOSUPPORT: no IPv6 state exists yet), so
     * {@link #setAddrGenModeNone} must follow, before the link goes up.
     */
    public static void createMacvlan(MessageWriter out, int sequence, String name, int parentIndex,
                                     byte[] mac) {
        out.beginMessage(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK
            | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL, sequence);
        ifinfomsg(out, 0, 0, 0);
        out.attributeU32(Rtnl.IFLA_LINK, parentIndex);
        out.attributeString(Rtnl.IFLA_IFNAME, name);
        out.attribute(Rtnl.IFLA_ADDRESS, mac);
        int linkInfo = out.beginNested(Rtnl.IFLA_LINKINFO);
        out.attributeString(Rtnl.IFLA_INFO_KIND, "macvlan");
        int data = out.beginNested(Rtnl.IFLA_INFO_DATA);
        out.attributeU32(Rtnl.IFLA_MACVLAN_MODE, Rtnl.MACVLAN_MODE_PRIVATE);
        out.endNested(data);
        out.endNested(linkInfo);
        out.endMessage();
    }

    /** Appends a request setting IPv6 {@code addrgenmode none} on an existing link. */
    public static void setAddrGenModeNone(MessageWriter out, int sequence, int index) {
        out.beginMessage(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, sequence);
        ifinfomsg(out, index, 0, 0);
        addrGenModeNone(out);
        out.endMessage();
    }

    /** Appends a request setting a link administratively up or down. */
    public static void setUp(MessageWriter out, int sequence, int index, boolean up) {
        out.beginMessage(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, sequence);
        ifinfomsg(out, index, up ? Rtnl.IFF_UP : 0, Rtnl.IFF_UP);
        out.endMessage();
    }

    /** Appends a request deleting link {@code index}. */
    public static void delete(MessageWriter out, int sequence, int index) {
        out.beginMessage(Rtnl.RTM_DELLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, sequence);
        ifinfomsg(out, index, 0, 0);
        out.endMessage();
    }

    /** Decodes the payload of an RTM_NEWLINK or RTM_DELLINK. */
    public static LinkEntry parse(ByteBuffer payload) {
        if (payload.remaining() < IFINFOMSG_SIZE) {
            throw new IllegalArgumentException("ifinfomsg truncated: " + payload.remaining() + " bytes");
        }
        int index = payload.getInt(4);
        int flags = payload.getInt(8);
        Attributes attributes = Attributes.parse(payload, IFINFOMSG_SIZE);
        byte[] mac = attributes.bytes(Rtnl.IFLA_ADDRESS);
        Attributes linkInfo = attributes.nested(Rtnl.IFLA_LINKINFO);
        String kind = linkInfo.string(Rtnl.IFLA_INFO_KIND);
        int macvlanMode = "macvlan".equals(kind)
            ? linkInfo.nested(Rtnl.IFLA_INFO_DATA).u32(Rtnl.IFLA_MACVLAN_MODE, 0) : 0;
        return new LinkEntry(index, attributes.string(Rtnl.IFLA_IFNAME),
            mac == null ? new byte[0] : mac, flags, attributes.u32(Rtnl.IFLA_MTU, 0),
            attributes.u8(Rtnl.IFLA_OPERSTATE, 0), kind, attributes.u32(Rtnl.IFLA_LINK, 0),
            macvlanMode);
    }

    private static void ifinfomsg(MessageWriter out, int index, int flags, int change) {
        out.u8(Rtnl.AF_UNSPEC).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    private static void addrGenModeNone(MessageWriter out) {
        int spec = out.beginNested(Rtnl.IFLA_AF_SPEC);
        int inet6 = out.beginNested(Rtnl.AF_INET6);
        out.attributeU8(Rtnl.IFLA_INET6_ADDR_GEN_MODE, Rtnl.IN6_ADDR_GEN_MODE_NONE);
        out.endNested(inet6);
        out.endNested(spec);
    }
}
