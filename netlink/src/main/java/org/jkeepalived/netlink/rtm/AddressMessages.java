package org.jkeepalived.netlink.rtm;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR in pure Java, matching how keepalived 2.2.7 adds VIPs
 * ({@code keepalived-runtime.md} §5): {@code IFA_LOCAL} is the VIP, {@code IFA_ADDRESS} the peer
 * when one is configured, {@code IFA_BROADCAST} and {@code IFA_LABEL} only when configured; IPv6
 * gets {@code IFA_F_NODAD} unless {@code -nodad}, and a deprecated address gets
 * {@code IFA_CACHEINFO} with preferred lifetime 0 and valid lifetime forever. Deletes carry
 * {@code IFA_ADDRESS} as well, so only the address with the same prefix length goes. Adds use
 * {@code NLM_F_CREATE|NLM_F_REPLACE} so adding an address that is present is not an error.
 * Stateless; safe from any thread.
 */
public final class AddressMessages {
    /** struct ifaddrmsg: family, prefixlen, flags, scope (u8 each), index (u32). */
    public static final int IFADDRMSG_SIZE = 8;

    private AddressMessages() {
    }

    /** Appends an RTM_NEWADDR for {@code vip} on interface {@code index}, asking for an ACK. */
    public static void add(MessageWriter out, int sequence, VirtualAddress vip, int index) {
        out.beginMessage(Rtnl.RTM_NEWADDR,
            Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_REPLACE, sequence);
        int flags = vip.isIpv6() && vip.noDad() ? Rtnl.IFA_F_NODAD : 0;
        header(out, vip, index, flags);
        out.attribute(Rtnl.IFA_LOCAL, vip.address().getAddress());
        if (vip.peer() != null) {
            out.attribute(Rtnl.IFA_ADDRESS, vip.peer().getAddress());
        }
        if (vip.broadcast() != null && !vip.isIpv6()) {
            out.attribute(Rtnl.IFA_BROADCAST, vip.broadcast().getAddress());
        }
        if (vip.label() != null) {
            out.attributeString(Rtnl.IFA_LABEL, vip.label());
        }
        if (vip.isIpv6() && vip.deprecated()) {
            // struct ifa_cacheinfo: preferred, valid, cstamp, tstamp (u32 each)
            out.attribute(Rtnl.IFA_CACHEINFO, cacheInfo(0, Rtnl.INFINITY_LIFE_TIME));
        }
        out.endMessage();
    }

    /** Appends an RTM_DELADDR for {@code vip} on interface {@code index}, asking for an ACK. */
    public static void delete(MessageWriter out, int sequence, VirtualAddress vip, int index) {
        out.beginMessage(Rtnl.RTM_DELADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK, sequence);
        header(out, vip, index, 0);
        out.attribute(Rtnl.IFA_LOCAL, vip.address().getAddress());
        // IFA_ADDRESS makes the kernel match the prefix length too, so deleting 192.0.2.1/32
        // never removes an interface's own 192.0.2.1/24.
        InetAddress address = vip.peer() != null ? vip.peer() : vip.address();
        out.attribute(Rtnl.IFA_ADDRESS, address.getAddress());
        out.endMessage();
    }

    /** Appends a dump request for every address of every family. */
    public static void dumpRequest(MessageWriter out, int sequence) {
        out.beginMessage(Rtnl.RTM_GETADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP, sequence);
        out.u8(Rtnl.AF_UNSPEC).u8(0).u8(0).u8(0).u32(0);
        out.endMessage();
    }

    /** Decodes the payload of an RTM_NEWADDR or RTM_DELADDR. */
    public static AddressEntry parse(ByteBuffer payload) {
        if (payload.remaining() < IFADDRMSG_SIZE) {
            throw new IllegalArgumentException("ifaddrmsg truncated: " + payload.remaining() + " bytes");
        }
        int family = payload.get(0) & 0xff;
        int prefixLength = payload.get(1) & 0xff;
        int flags = payload.get(2) & 0xff;
        int scope = payload.get(3) & 0xff;
        int index = payload.getInt(4);
        Attributes attributes = Attributes.parse(payload, IFADDRMSG_SIZE);
        flags = attributes.u32(Rtnl.IFA_FLAGS, flags);
        InetAddress local = attributes.address(Rtnl.IFA_LOCAL);
        InetAddress address = attributes.address(Rtnl.IFA_ADDRESS);
        InetAddress peer = local != null && address != null && !local.equals(address) ? address : null;
        return new AddressEntry(family, index, local != null ? local : address, prefixLength,
            scope, flags, attributes.string(Rtnl.IFA_LABEL), peer);
    }

    private static void header(MessageWriter out, VirtualAddress vip, int index, int flags) {
        out.u8(vip.isIpv6() ? Rtnl.AF_INET6 : Rtnl.AF_INET)
            .u8(vip.prefixLength())
            .u8(flags)
            .u8(vip.scope())
            .u32(index);
    }

    private static byte[] cacheInfo(int preferredSeconds, int validSeconds) {
        ByteBuffer info = ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder());
        info.putInt(preferredSeconds).putInt(validSeconds).putInt(0).putInt(0);
        return info.array();
    }
}
