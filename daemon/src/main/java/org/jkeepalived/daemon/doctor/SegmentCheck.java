package org.jkeepalived.daemon.doctor;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jkeepalived.config.model.AddressFamily;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.UnicastPeer;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.daemon.doctor.SegmentListener.ArpAnswer;
import org.jkeepalived.daemon.doctor.SegmentListener.HeardAdvert;
import org.jkeepalived.daemon.doctor.SegmentListener.Observations;

/**
 * Checks 1 and 2 from what was heard on the wire: another router using our VRID with other VIPs
 * (or a source that is not a unicast peer); both nodes holding a VIP (we hold it and another MAC
 * answers ARP for it); a master elsewhere whose adverts never arrive (another MAC answers for the
 * VIP, and not one advert for the VRID in a whole Master_Down_Interval); and a VRRP daemon running
 * here without the multicast group joined on the instance interface.
 */
final class SegmentCheck {
    private SegmentCheck() {
    }

    /** The longest Master_Down_Interval of the instances, in nanoseconds: 3 × interval + skew. */
    static long masterDownNanos(VrrpInstance vi) {
        long interval = vi.advertIntervalMicros() * 1000L;
        long skew = vi.version() == 2 ? (256L - vi.priority()) * 1_000_000_000L / 256
                : (256L - vi.priority()) * interval / 256;
        return 3 * interval + skew;
    }

    static List<Finding> run(KeepalivedConfig config, Host host, Observations heard) {
        List<Finding> findings = new ArrayList<>();
        for (VrrpInstance vi : config.vrrpInstances()) {
            if (vi.interfaceName() == null) {
                continue;
            }
            List<HeardAdvert> ours = heard.adverts().stream().filter(a -> a.iface().equals(vi.interfaceName())
                    && a.vrid() == vi.virtualRouterId() && (a.source() instanceof java.net.Inet6Address)
                    == (vi.family() == AddressFamily.IPV6)).toList();
            foreignRouters(vi, ours, findings);
            advertsMissing(vi, host, ours, heard, findings);
        }
        return findings;
    }

    private static void foreignRouters(VrrpInstance vi, List<HeardAdvert> ours, List<Finding> findings) {
        Set<InetAddress> configured = vips(vi);
        Set<InetAddress> peers = new LinkedHashSet<>();
        for (UnicastPeer p : vi.unicastPeers()) {
            InetAddress a = Addresses.parse(p.address());
            if (a != null) {
                peers.add(a);
            }
        }
        Set<InetAddress> reported = new LinkedHashSet<>();
        for (HeardAdvert a : ours) {
            if (!reported.add(a.source())) {
                continue;
            }
            Set<InetAddress> advertised = new LinkedHashSet<>(a.addresses());
            if (!advertised.equals(configured)) {
                findings.add(Finding.of(Code.JKA001, vi.name(), a.source().getHostAddress() + " advertises VRID "
                                + a.vrid() + " (priority " + a.priority() + ", VRRPv" + a.version() + ") on "
                                + a.iface() + " with VIPs " + text(advertised) + ", ours are " + text(configured),
                        "give one of the two clusters another virtual_router_id (unique per segment), or make the"
                                + " VIP lists equal if it is our peer"));
            } else if (!peers.isEmpty() && !peers.contains(a.source())) {
                findings.add(Finding.of(Code.JKA002, vi.name(), a.source().getHostAddress() + " advertises VRID "
                                + a.vrid() + " with our VIPs on " + a.iface() + " but is not one of our unicast_peer"
                                + " addresses " + text(peers),
                        "add " + a.source().getHostAddress() + " to unicast_peer, or stop the VRRP speaker there"));
            }
        }
    }

    private static void advertsMissing(VrrpInstance vi, Host host, List<HeardAdvert> ours, Observations heard,
                                       List<Finding> findings) {
        boolean multicast = vi.unicastPeers().isEmpty();
        String advice = multicast
                ? "configure unicast_src_ip and unicast_peer on both nodes (multicast 224.0.0.18/ff02::12 is"
                + " filtered: IGMP snooping without a querier, a cloud network, a hypervisor switch)"
                : "check the path between the unicast peers: firewalls (protocol 112), routing, security groups";
        for (VirtualIp vip : vi.virtualIps()) {
            InetAddress address = Addresses.parse(vip.address());
            String dev = vip.dev() != null ? vip.dev() : vi.interfaceName();
            if (address == null) {
                continue;
            }
            Set<String> otherMacs = heard.arpAnswers().stream().filter(r -> r.address().equals(address)
                    && r.iface().equals(dev)).map(ArpAnswer::mac).collect(Collectors.toCollection(LinkedHashSet::new));
            if (otherMacs.isEmpty()) {
                continue;
            }
            if (host.hasAddress(dev, address)) {
                findings.add(Finding.of(Code.JKA010, vi.name(), "this node holds VIP " + vip.address()
                        + " and " + String.join(", ", otherMacs) + " also answers ARP for it on " + dev
                        + ": two masters, each missing the other's adverts", advice));
            } else if (ours.isEmpty() && heard.listenedNanos() >= masterDownNanos(vi)) {
                findings.add(Finding.of(Code.JKA011, vi.name(), String.join(", ", otherMacs) + " answers ARP for VIP "
                        + vip.address() + " on " + dev + ", but no advert for VRID " + vi.virtualRouterId()
                        + " arrived in " + String.format("%.1f", heard.listenedNanos() / 1e9)
                        + " s (Master_Down_Interval): a backup here would become master too", advice));
            }
        }
    }

    /** JKA012: a VRRP daemon runs here, but the group is not joined on a multicast instance's interface. */
    static List<Finding> membership(KeepalivedConfig config, Map<String, Set<String>> igmp,
                                    Map<String, Set<String>> igmp6, boolean daemonRunning) {
        return membership(config, igmp, igmp6, daemonRunning, iface -> false);
    }

    /**
     * As above; {@code ipv6Off} says an interface has IPv6 turned off ({@code disable_ipv6=1}, or
     * no IPv6 in the kernel), which is then named as the reason instead of a missing join.
     */
    static List<Finding> membership(KeepalivedConfig config, Map<String, Set<String>> igmp,
                                    Map<String, Set<String>> igmp6, boolean daemonRunning,
                                    java.util.function.Predicate<String> ipv6Off) {
        List<Finding> findings = new ArrayList<>();
        if (!daemonRunning) {
            return findings;
        }
        for (VrrpInstance vi : config.vrrpInstances()) {
            String iface = vi.interfaceName();
            if (iface == null || !vi.unicastPeers().isEmpty() || vi.mcastDstIp() != null) {
                continue;
            }
            boolean v6 = vi.family() == AddressFamily.IPV6;
            boolean joined = v6 ? igmp6.getOrDefault(iface, Set.of()).contains(Multicast.VRRP_GROUP_IGMP6)
                    : igmp.getOrDefault(iface, Set.of()).contains(Multicast.VRRP_GROUP_IGMP);
            if (!joined && v6 && ipv6Off.test(iface)) {
                findings.add(Finding.of(Code.JKA012, vi.name(), "IPv6 is turned off on " + iface
                                + " (net.ipv6.conf." + iface + ".disable_ipv6=1, or ipv6.disable=1 on the kernel command line):"
                                + " this IPv6 instance stays in FAULT (no IPv6 address for interface)",
                        "enable IPv6 on " + iface + " (sysctl net.ipv6.conf." + iface + ".disable_ipv6=0) or remove the instance"));
            } else if (!joined) {
                String group = v6 ? "ff02::12" : "224.0.0.18";
                findings.add(Finding.of(Code.JKA012, vi.name(), "a VRRP daemon runs here (raw socket for protocol 112)"
                                + " but " + group + " is not joined on " + iface + " (/proc/net/" + (v6 ? "igmp6" : "igmp")
                                + "): the NIC and IGMP-snooping switches may not deliver the peer's adverts",
                        "restart the VRRP daemon once " + iface + " is up (or use unicast_peer)"));
            }
        }
        return findings;
    }

    private static Set<InetAddress> vips(VrrpInstance vi) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (VirtualIp v : vi.virtualIps()) {
            InetAddress a = Addresses.parse(v.address());
            if (a != null && (a instanceof java.net.Inet6Address) == (vi.family() == AddressFamily.IPV6)) {
                out.add(a);
            }
        }
        return out;
    }

    private static String text(Set<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", ", "[", "]"));
    }
}
