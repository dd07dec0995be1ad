package org.jkeepalived.daemon.doctor;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;

/**
 * The kernel's rules for combining {@code net.ipv4.conf.all.X} with {@code net.ipv4.conf.IFACE.X}
 * and for when {@code arp_ignore} stops ARP replies for a VIP (net/ipv4/arp.c
 * {@code arp_ignore()}, include/linux/inetdevice.h). Pure functions; thread-safe.
 */
public final class SysctlRules {
    private SysctlRules() {
    }

    /** rp_filter in effect: the larger of all and the interface (IN_DEV_RPFILTER uses max). */
    public static int effectiveRpFilter(OptionalInt all, OptionalInt iface) {
        return Math.max(all.orElse(0), iface.orElse(0));
    }

    /** arp_ignore in effect: the larger of all and the interface (IN_DEV_ARP_IGNORE uses max). */
    public static int effectiveArpIgnore(OptionalInt all, OptionalInt iface) {
        return Math.max(all.orElse(0), iface.orElse(0));
    }

    /** arp_announce in effect: the larger of all and the interface (IN_DEV_ARP_ANNOUNCE uses max). */
    public static int effectiveArpAnnounce(OptionalInt all, OptionalInt iface) {
        return Math.max(all.orElse(0), iface.orElse(0));
    }

    /** arp_filter in effect: on when either is on (IN_DEV_ARPFILTER uses or). */
    public static boolean effectiveArpFilter(OptionalInt all, OptionalInt iface) {
        return all.orElse(0) != 0 || iface.orElse(0) != 0;
    }

    /**
     * Why the kernel would not answer an ARP request for {@code vip} arriving on its interface
     * with {@code arpIgnore} in effect, or null when it answers some requester:
     * <ul>
     *   <li>8: never replies;</li>
     *   <li>2: replies only when one address of the interface has a subnet containing both the
     *       VIP and the requester, so none unless some address with a prefix shorter than the host
     *       length contains the VIP;</li>
     *   <li>3: never for an address of scope host;</li>
     *   <li>0, 1 (the VIP is on the interface the request arrives on) and the reserved 4-7 reply.</li>
     * </ul>
     *
     * @param interfaceAddresses the interface's addresses (with the VIP's own, as configured)
     * @param scope              the VIP's scope name ("global", "host", …)
     */
    public static String arpIgnoreBreaks(int arpIgnore, InetAddress vip, List<Host.Address> interfaceAddresses,
                                         String scope) {
        if (!(vip instanceof Inet4Address)) {
            return null;
        }
        switch (arpIgnore) {
            case 8:
                return "arp_ignore=8 never answers ARP requests";
            case 2:
                boolean covered = interfaceAddresses.stream().anyMatch(a -> a.address() instanceof Inet4Address
                        && a.prefixLength() < 32 && contains(a.address(), a.prefixLength(), vip));
                return covered ? null : "arp_ignore=2 answers only requesters in a subnet of the interface that also"
                        + " contains the VIP, and no address of the interface has a subnet containing " + vip.getHostAddress();
            case 3:
                return "host".equals(scope) ? "arp_ignore=3 never answers for an address of scope host" : null;
            default:
                return null;
        }
    }

    /** Whether {@code address} is in {@code network}/{@code prefix}. */
    static boolean contains(InetAddress network, int prefix, InetAddress address) {
        byte[] n = network.getAddress();
        byte[] a = address.getAddress();
        if (n.length != a.length) {
            return false;
        }
        int bits = prefix;
        for (int i = 0; i < n.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((n[i] & mask) != (a[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
