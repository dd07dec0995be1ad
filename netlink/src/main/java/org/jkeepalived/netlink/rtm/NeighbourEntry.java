package org.jkeepalived.netlink.rtm;

import java.net.InetAddress;

/**
 * One neighbour-table entry from RTM_NEWNEIGH.
 *
 * @param index   ifindex
 * @param address the neighbour's IP address ({@code NDA_DST})
 * @param mac     its link-layer address ({@code NDA_LLADDR}), or {@code null} while unresolved
 * @param state   NUD_* state bits
 */
public record NeighbourEntry(int index, InetAddress address, byte[] mac, int state) {

    /** True when the MAC can be used: reachable, stale, delay, probe, permanent or noarp. */
    public boolean usable() {
        int usableStates = Rtnl.NUD_REACHABLE | Rtnl.NUD_STALE | Rtnl.NUD_DELAY | Rtnl.NUD_PROBE
            | Rtnl.NUD_PERMANENT | Rtnl.NUD_NOARP;
        return mac != null && mac.length == 6 && (state & usableStates) != 0;
    }
}
