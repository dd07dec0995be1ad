package org.jkeepalived.netlink.rtm;

/**
 * One interface as the kernel reports it in RTM_NEWLINK.
 *
 * @param index        ifindex
 * @param name         {@code IFLA_IFNAME}
 * @param mac          {@code IFLA_ADDRESS} (6 bytes on Ethernet), or an empty array
 * @param flags        IFF_* flags
 * @param mtu          {@code IFLA_MTU} in bytes, or 0
 * @param operState    {@code IFLA_OPERSTATE} (IF_OPER_*; 6 = up), or 0 (unknown)
 * @param kind         {@code IFLA_INFO_KIND} ("macvlan", "veth", ...), or {@code null}
 * @param parentIndex  {@code IFLA_LINK}, or 0
 * @param macvlanMode  {@code IFLA_MACVLAN_MODE} for a macvlan, or 0
 */
public record LinkEntry(int index, String name, byte[] mac, int flags, int mtu, int operState,
                        String kind, int parentIndex, int macvlanMode) {

    public boolean up() {
        return (flags & Rtnl.IFF_UP) != 0;
    }

    public boolean running() {
        return (flags & Rtnl.IFF_RUNNING) != 0;
    }
}
