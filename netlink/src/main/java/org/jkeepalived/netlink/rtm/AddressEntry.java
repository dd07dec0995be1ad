package org.jkeepalived.netlink.rtm;

import java.net.InetAddress;

/**
 * One address as the kernel reports it in RTM_NEWADDR/RTM_DELADDR.
 *
 * @param family       AF_INET or AF_INET6
 * @param index        ifindex of the interface holding it
 * @param address      the local address ({@code IFA_LOCAL}, else {@code IFA_ADDRESS})
 * @param prefixLength prefix length in bits
 * @param scope        rtnetlink scope (0 global, 253 link, 254 host)
 * @param flags        IFA_F_* flags ({@code IFA_FLAGS} when present, else the 8-bit field)
 * @param label        {@code IFA_LABEL}, or {@code null}
 * @param peer         {@code IFA_ADDRESS} when it differs from the local address, or {@code null}
 */
public record AddressEntry(int family, int index, InetAddress address, int prefixLength,
                           int scope, int flags, String label, InetAddress peer) {

    public boolean nodad() {
        return (flags & Rtnl.IFA_F_NODAD) != 0;
    }

    public boolean deprecated() {
        return (flags & Rtnl.IFA_F_DEPRECATED) != 0;
    }
}
