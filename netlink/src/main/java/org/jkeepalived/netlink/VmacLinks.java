package org.jkeepalived.netlink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jkeepalived.netlink.rtm.LinkEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The macvlans of {@code use_vmac}, made as keepalived 2.2.7 makes them: private mode, MAC
 * 00:00:5e:00:01:VRID (00:00:5e:00:02:VRID for IPv6), IPv6 addrgenmode none, and the sysctls it
 * sets (verified with keepalived 2.2.7 in a namespace): on the macvlan arp_ignore=1,
 * accept_local=1, rp_filter=0, promote_secondaries=1; on the parent arp_ignore=1 and
 * arp_filter=1, restored when the parent's last VMAC is deleted.
 *
 * <p>Thread-safe (methods are synchronized).
 */
public final class VmacLinks {
    private static final Logger LOG = LoggerFactory.getLogger(VmacLinks.class);
    private static final byte[] VRRP_MAC_PREFIX = {0x00, 0x00, 0x5e, 0x00};

    private final Rtnetlink rtnetlink;
    /** parent → its sysctl values before our first VMAC on it. */
    private final Map<String, int[]> savedParentSettings = new HashMap<>();
    /** VMAC name → parent name, for the VMACs we created. */
    private final Map<String, String> created = new HashMap<>();

    public VmacLinks(Rtnetlink rtnetlink) {
        this.rtnetlink = rtnetlink;
    }

    /** The VRRP virtual MAC for {@code vrid}: 00:00:5e:00:01:VRID, or 00:00:5e:00:02:VRID for IPv6. */
    public static byte[] virtualMac(int vrid, boolean ipv6) {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID must be 1..255: " + vrid);
        }
        return new byte[] {0x00, 0x00, 0x5e, 0x00, (byte) (ipv6 ? 0x02 : 0x01), (byte) vrid};
    }

    /** True for a 00:00:5e:00:01:xx or 00:00:5e:00:02:xx address. */
    public static boolean isVirtualMac(byte[] mac) {
        if (mac == null || mac.length != 6) {
            return false;
        }
        for (int i = 0; i < VRRP_MAC_PREFIX.length; i++) {
            if (mac[i] != VRRP_MAC_PREFIX[i]) {
                return false;
            }
        }
        return mac[4] == 1 || mac[4] == 2;
    }

    /**
     * Deletes macvlans left behind by an earlier run: those whose name starts with
     * {@code namePrefix} and whose MAC is a VRRP virtual MAC. Returns their names.
     */
    public synchronized List<String> removeLeftovers(String namePrefix) throws IOException {
        List<String> removed = new ArrayList<>();
        for (LinkEntry link : rtnetlink.links()) {
            if ("macvlan".equals(link.kind()) && link.name().startsWith(namePrefix) && isVirtualMac(link.mac())) {
                rtnetlink.deleteLink(link.name());
                removed.add(link.name());
                LOG.info("Removed leftover VMAC interface {}", link.name());
            }
        }
        return removed;
    }

    /**
     * Creates VMAC {@code name} on {@code parent} for {@code vrid}, sets the sysctls and brings
     * it up. An existing macvlan of that name with the same MAC on the same parent is replaced;
     * any other existing interface of that name is an error. Returns the new ifindex.
     */
    public synchronized int create(String name, String parent, int vrid, boolean ipv6) throws IOException {
        byte[] mac = virtualMac(vrid, ipv6);
        int parentIndex = Rtnetlink.interfaceIndex(parent);
        for (LinkEntry link : rtnetlink.links()) {
            if (!link.name().equals(name)) {
                continue;
            }
            boolean same = "macvlan".equals(link.kind()) && link.parentIndex() == parentIndex
                && java.util.Arrays.equals(link.mac(), mac);
            if (!same) {
                throw new IOException("cannot create VMAC " + name + ": an interface of that name exists");
            }
            rtnetlink.deleteLink(name);
        }
        saveParentSettings(parent);
        int index = rtnetlink.createMacvlan(name, parent, mac);
        created.put(name, parent);
        Sysctl.writeIpv4(name, "arp_ignore", 1);
        Sysctl.writeIpv4(name, "accept_local", 1);
        Sysctl.writeIpv4(name, "rp_filter", 0);
        Sysctl.writeIpv4(name, "promote_secondaries", 1);
        Sysctl.writeIpv4(parent, "arp_ignore", 1);
        Sysctl.writeIpv4(parent, "arp_filter", 1);
        rtnetlink.setLinkUp(name, true);
        LOG.info("Success creating VMAC interface {} ({}) on {}", name,
            HexFormat.ofDelimiter(":").formatHex(mac), parent);
        return index;
    }

    /** Deletes a VMAC we created (a missing one is not an error) and restores the parent's sysctls. */
    public synchronized void delete(String name) throws IOException {
        String parent = created.remove(name);
        rtnetlink.deleteLink(name);
        LOG.info("Success removing VMAC interface {}", name);
        if (parent != null && !created.containsValue(parent)) {
            int[] saved = savedParentSettings.remove(parent);
            if (saved != null && Rtnetlink.interfaceIndex(parent) != 0) {
                Sysctl.writeIpv4(parent, "arp_ignore", saved[0]);
                Sysctl.writeIpv4(parent, "arp_filter", saved[1]);
            }
        }
    }

    /** Deletes every VMAC this object created. */
    public synchronized void deleteAll() throws IOException {
        for (String name : new ArrayList<>(created.keySet())) {
            delete(name);
        }
    }

    private void saveParentSettings(String parent) throws IOException {
        if (!savedParentSettings.containsKey(parent)) {
            savedParentSettings.put(parent, new int[] {
                Sysctl.readIpv4(parent, "arp_ignore"), Sysctl.readIpv4(parent, "arp_filter")});
        }
    }
}
