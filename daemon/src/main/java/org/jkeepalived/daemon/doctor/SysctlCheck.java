package org.jkeepalived.daemon.doctor;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.UnicastPeer;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VrrpInstance;

/**
 * Check 4: reverse-path filtering and arp_ignore. For rp_filter the kernel itself is asked: an
 * input route lookup ({@code ip route get LOCAL from PEER iif IFACE}) runs the same source
 * validation an arriving advert gets and fails with "Invalid cross-device link" when rp_filter
 * would drop it. Peers are the unicast peers and the sources heard while listening. arp_ignore is
 * judged with {@link SysctlRules} against the VIP's interface addresses.
 *
 * <p>The lookup is for a local destination, whose source check (net/ipv4/route.c
 * {@code ip_route_input_slow}, RTN_LOCAL) reports a failed reverse path as a martian source:
 * "Invalid argument". Peers that are martian for other reasons are left out first.
 */
final class SysctlCheck {
    private SysctlCheck() {
    }

    static List<Finding> run(KeepalivedConfig config, Host host, Map<String, Set<InetAddress>> heardSources) {
        List<Finding> findings = new ArrayList<>();
        for (VrrpInstance vi : config.vrrpInstances()) {
            if (vi.interfaceName() != null && host.interfaceExists(vi.interfaceName())) {
                checkRpFilter(vi, host, heardSources.getOrDefault(vi.interfaceName(), Set.of()), findings);
            }
            for (VirtualIp vip : vi.virtualIps()) {
                checkArpIgnore(vi, vip, host, findings);
            }
        }
        return findings;
    }

    private static void checkRpFilter(VrrpInstance vi, Host host, Collection<InetAddress> heard, List<Finding> findings) {
        String iface = vi.interfaceName();
        int rp = SysctlRules.effectiveRpFilter(host.sysctl("net.ipv4.conf.all.rp_filter"),
                host.sysctl("net.ipv4.conf." + iface + ".rp_filter"));
        if (rp == 0) {
            return;
        }
        Set<InetAddress> vips = new LinkedHashSet<>();
        vi.virtualIps().forEach(v -> vips.add(Addresses.parse(v.address())));
        Optional<InetAddress> local = host.addresses(iface).stream().map(Host.Address::address)
                .filter(a -> a instanceof Inet4Address && !vips.contains(a)).findFirst();
        if (local.isEmpty()) {
            return;
        }
        Set<InetAddress> peers = new LinkedHashSet<>();
        for (UnicastPeer peer : vi.unicastPeers()) {
            InetAddress a = Addresses.parse(peer.address());
            if (a instanceof Inet4Address) {
                peers.add(a);
            }
        }
        heard.stream().filter(a -> a instanceof Inet4Address).forEach(peers::add);
        peers.removeIf(a -> a.isMulticastAddress() || a.isLoopbackAddress() || a.isAnyLocalAddress()
                || host.interfaceWith(a).isPresent());
        for (InetAddress peer : peers) {
            Host.CommandResult r = host.run(List.of(host.tool("ip").map(Object::toString).orElse("ip"), "-4", "route",
                    "get", local.get().getHostAddress(), "from", peer.getHostAddress(), "iif", iface));
            // A rejected source makes the kernel's local-delivery lookup fail as a martian source
            // (EINVAL); a forwarding lookup would say EXDEV. Sources that are martian for another
            // reason (local, multicast, loopback) never reach this point.
            if (!r.ok() && (r.stderr().contains("cross-device") || r.stderr().contains("Invalid argument"))) {
                findings.add(Finding.of(Code.JKA030, vi.name(), "rp_filter=" + rp + " (max of all and " + iface
                                + ") drops adverts from " + peer.getHostAddress() + " arriving on " + iface
                                + ": the route back to it " + (rp == 1 ? "does not leave by " + iface : "does not exist"),
                        "set net.ipv4.conf.all.rp_filter=" + (rp == 1 ? "2" : "0") + " and net.ipv4.conf." + iface
                                + ".rp_filter=" + (rp == 1 ? "2" : "0") + " (both: the kernel uses the larger)"
                                + (rp == 1 ? ", or route " + peer.getHostAddress() + " via " + iface : "")));
            }
        }
    }

    private static void checkArpIgnore(VrrpInstance vi, VirtualIp vip, Host host, List<Finding> findings) {
        InetAddress address = Addresses.parse(vip.address());
        String dev = vip.dev() != null ? vip.dev() : vi.interfaceName();
        if (!(address instanceof Inet4Address) || dev == null || !host.interfaceExists(dev)) {
            return;
        }
        int ignore = SysctlRules.effectiveArpIgnore(host.sysctl("net.ipv4.conf.all.arp_ignore"),
                host.sysctl("net.ipv4.conf." + dev + ".arp_ignore"));
        List<Host.Address> addresses = new ArrayList<>(host.addresses(dev));
        addresses.add(new Host.Address(address, vip.prefixLength()));
        String why = SysctlRules.arpIgnoreBreaks(ignore, address, addresses, vip.scope());
        if (why != null) {
            findings.add(Finding.of(Code.JKA031, vi.name(), "VIP " + vip.address() + " on " + dev
                            + " is unreachable: " + why + " (arp_ignore in effect is the max of all and " + dev + ")",
                    "set net.ipv4.conf.all.arp_ignore=0 and net.ipv4.conf." + dev
                            + ".arp_ignore=0 (or 1: reply only for addresses of the interface)"));
        }
    }
}
