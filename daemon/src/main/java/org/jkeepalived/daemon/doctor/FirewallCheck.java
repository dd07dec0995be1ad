package org.jkeepalived.daemon.doctor;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.UnicastPeer;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.daemon.doctor.firewall.Fate;
import org.jkeepalived.daemon.doctor.firewall.FirewallEvaluator;
import org.jkeepalived.daemon.doctor.firewall.IptablesRules;
import org.jkeepalived.daemon.doctor.firewall.NftRules;
import org.jkeepalived.daemon.doctor.firewall.ProbePacket;
import org.jkeepalived.daemon.doctor.firewall.ProbePacket.Direction;
import org.jkeepalived.daemon.doctor.firewall.Ruleset;

/**
 * Checks 3 and 6: reads the live firewall ({@code nft -j list ruleset}, {@code iptables-save},
 * {@code ip6tables-save}) and walks probe packets through it with {@link FirewallEvaluator}:
 * each instance's adverts in and out (check 3), and a ping to each VIP and its reply (check 6,
 * keepalived's vrrp_strict / no_accept tables). Only certain drops become findings; rules the
 * doctor cannot judge become notes.
 */
final class FirewallCheck {
    private static final Set<String> IPTABLES_NFT_TABLES = Set.of("filter", "raw", "mangle", "security", "nat");

    private FirewallCheck() {
    }

    /** The live rules of every tool installed; notes what could not be read. */
    static Ruleset liveRules(Host host, Report report) {
        Ruleset rules = Ruleset.empty();
        boolean iptablesOnNft = false;
        Optional<java.nio.file.Path> iptables = host.tool("iptables-save");
        if (iptables.isPresent()) {
            Host.CommandResult version = host.run(List.of(host.tool("iptables").map(Object::toString).orElse("iptables"),
                    "-V"));
            iptablesOnNft = version.stdout().contains("nf_tables");
            rules = rules.with(save(host, iptables.get().toString(), "ip", report));
            Optional<java.nio.file.Path> ip6 = host.tool("ip6tables-save");
            if (ip6.isPresent()) {
                rules = rules.with(save(host, ip6.get().toString(), "ip6", report));
            }
        }
        Optional<java.nio.file.Path> nft = host.tool("nft");
        if (nft.isPresent()) {
            Host.CommandResult r = host.run(List.of(nft.get().toString(), "-j", "list", "ruleset"));
            if (!r.ok()) {
                report.note("firewall: 'nft -j list ruleset' failed (" + r.stderr().trim() + "); nftables rules not checked");
            } else {
                try {
                Host.CommandResult text = host.run(List.of(nft.get().toString(), "list", "ruleset"));
                    Ruleset nftRules = NftRules.parse(r.stdout(),
                            text.ok() ? NftRules.netdevDevices(text.stdout()) : Map.of());
                    rules = rules.with(iptablesOnNft ? withoutIptablesTables(nftRules) : nftRules);
                } catch (IllegalArgumentException e) {
                    report.note("firewall: cannot read nft's JSON (" + e.getMessage() + "); nftables rules not checked");
                }
            }
        }
        if (iptables.isEmpty() && nft.isEmpty()) {
            report.note("firewall: neither nft nor iptables-save is installed; firewall rules not checked");
        }
        return rules;
    }

    private static Ruleset save(Host host, String tool, String family, Report report) {
        Host.CommandResult r = host.run(List.of(tool));
        if (!r.ok()) {
            report.note("firewall: '" + tool + "' failed (" + r.stderr().trim() + "); its rules not checked");
            return Ruleset.empty();
        }
        return IptablesRules.parse(r.stdout(), family);
    }

    /** iptables-nft keeps its tables in nftables too: judge them once, from iptables-save. */
    private static Ruleset withoutIptablesTables(Ruleset nft) {
        return new Ruleset(nft.chains().stream().filter(c -> {
            String[] t = c.table().split(" ", 2);
            return !((t[0].equals("ip") || t[0].equals("ip6")) && IPTABLES_NFT_TABLES.contains(t[1]));
        }).toList());
    }

    /** Check 3: adverts in and out of each instance's interface. */
    static List<Finding> adverts(KeepalivedConfig config, Host host, Ruleset rules,
                                 Map<String, Set<InetAddress>> heard, Report report) {
        List<Finding> findings = new ArrayList<>();
        for (VrrpInstance vi : config.vrrpInstances()) {
            String iface = vi.interfaceName();
            if (iface == null) {
                continue;
            }
            boolean v6 = vi.family() == org.jkeepalived.config.model.AddressFamily.IPV6;
            InetAddress local = localAddress(vi, host, v6);
            List<InetAddress> destinations = new ArrayList<>();
            Set<InetAddress> sources = new LinkedHashSet<>();
            if (vi.unicastPeers().isEmpty()) {
                destinations.add(group(vi, config, v6));
                sources.addAll(heard.getOrDefault(iface, Set.of()));
                sources.add(null);
            } else {
                for (UnicastPeer p : vi.unicastPeers()) {
                    InetAddress a = Addresses.parse(p.address());
                    if (a != null) {
                        destinations.add(a);
                        sources.add(a);
                    }
                }
            }
            for (InetAddress source : sources) {
                InetAddress to = vi.unicastPeers().isEmpty() ? destinations.get(0) : local;
                judge(ProbePacket.vrrp(Direction.RECEIVED, source, to, iface), rules, vi, Code.JKA020, findings, report);
            }
            if (local != null) {
                for (InetAddress to : destinations) {
                    judge(ProbePacket.vrrp(Direction.SENT, local, to, iface), rules, vi, Code.JKA021, findings, report);
                }
            }
        }
        return findings;
    }

    private static void judge(ProbePacket packet, Ruleset rules, VrrpInstance vi, Code code, List<Finding> findings,
                              Report report) {
        if (packet.source() == null && packet.destination() == null) {
            return;
        }
        Fate fate = FirewallEvaluator.fate(rules, packet);
        if (fate.dropped()) {
            String accept = packet.ipv6() ? "ip6 nexthdr vrrp accept" : "ip protocol vrrp accept";
            String chainHook = packet.direction() == Direction.RECEIVED ? "input" : "output";
            findings.add(Finding.of(code, vi.name(), "the firewall drops the " + packet.describe() + " (" + fate.where()
                            + ")",
                    "accept VRRP before that rule: nft insert rule <family> <table> <" + chainHook + " chain> "
                            + (packet.direction() == Direction.RECEIVED ? "iifname " : "oifname ")
                            + packet.interfaceName() + " " + accept + " (iptables: -I " + chainHook.toUpperCase()
                            + " -p vrrp -j ACCEPT)"));
        } else if (fate.outcome() == Fate.Outcome.UNDECIDED) {
            report.note(vi.name() + ": cannot tell whether the firewall passes the " + packet.describe()
                    + " (depends on: " + fate.where() + ")");
        }
    }

    /** Check 6: a ping to each VIP, and its reply, through the firewall. */
    static List<Finding> vips(KeepalivedConfig config, Ruleset rules, Report report) {
        List<Finding> findings = new ArrayList<>();
        for (VrrpInstance vi : config.vrrpInstances()) {
            for (VirtualIp vip : vi.virtualIps()) {
                InetAddress a = Addresses.parse(vip.address());
                String dev = vip.dev() != null ? vip.dev() : vi.interfaceName();
                if (a == null || dev == null) {
                    continue;
                }
                for (ProbePacket p : List.of(ProbePacket.pingTo(null, a, dev), ProbePacket.pingReplyFrom(a, dev))) {
                    Fate fate = FirewallEvaluator.fate(rules, p);
                    if (fate.dropped()) {
                        findings.add(vipDropped(config, vi, vip, p, fate));
                        break;
                    }
                    if (fate.outcome() == Fate.Outcome.UNDECIDED) {
                        report.note(vi.name() + ": cannot tell whether the firewall passes the " + p.describe()
                                + " (depends on: " + fate.where() + ")");
                    }
                }
            }
        }
        return findings;
    }

    private static Finding vipDropped(KeepalivedConfig config, VrrpInstance vi, VirtualIp vip, ProbePacket p, Fate fate) {
        boolean strict = config.globalDefs().vrrpStrict() || vi.strictMode();
        boolean noAccept = vi.otherSettings().containsKey("no_accept");
        String cause = strict ? "vrrp_strict is on, so accept mode is off and keepalived drops traffic to the VIPs"
                : noAccept ? "no_accept makes keepalived drop traffic to the VIPs"
                : "a firewall rule drops it (a table left by keepalived's vrrp_strict/no_accept?)";
        String fix = strict ? "remove vrrp_strict from global_defs (and strict_mode), or use vrrp_version 3 with 'accept'"
                + " in the instance; then restart keepalived so it removes its table"
                : noAccept ? "remove no_accept (or add accept) and restart keepalived"
                : "delete the rule (nft list ruleset; 'nft delete table ip keepalived' if keepalived left it)";
        return Finding.of(Code.JKA050, vi.name(), "VIP " + vip.address() + " does not answer: the "
                + p.describe() + " is dropped (" + fate.where() + "); " + cause, fix);
    }

    private static InetAddress localAddress(VrrpInstance vi, Host host, boolean v6) {
        InetAddress configured = Addresses.parse(vi.unicastSrcIp());
        if (configured != null) {
            return configured;
        }
        Set<InetAddress> vips = new LinkedHashSet<>();
        vi.virtualIps().forEach(v -> vips.add(Addresses.parse(v.address())));
        return host.addresses(vi.interfaceName()).stream().map(Host.Address::address)
                .filter(a -> !vips.contains(a))
                .filter(a -> v6 ? a instanceof Inet6Address && a.isLinkLocalAddress() : a instanceof Inet4Address)
                .findFirst().orElse(null);
    }

    static InetAddress group(VrrpInstance vi, KeepalivedConfig config, boolean v6) {
        InetAddress configured = Addresses.parse(vi.mcastDstIp());
        if (configured != null) {
            return configured;
        }
        String global = v6 ? config.globalDefs().vrrpMcastGroup6() : config.globalDefs().vrrpMcastGroup4();
        InetAddress g = Addresses.parse(global);
        return g != null ? g : Addresses.parse(v6 ? "ff02::12" : "224.0.0.18");
    }

}
