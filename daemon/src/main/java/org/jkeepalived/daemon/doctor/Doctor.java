package org.jkeepalived.daemon.doctor;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.daemon.doctor.firewall.Ruleset;

/**
 * Runs every check against the live host and collects a {@link Report}. The order matters once:
 * multicast membership is read before listening, because the listener joins the groups itself.
 * Not thread-safe; one run per instance.
 *
 * @see Code for what each finding means
 */
public final class Doctor {
    private final Host host;
    private final Path configFile;
    private final String configId;
    private final Long listenNanos;
    private final List<Path> nginxConfigs;

    /**
     * @param listenNanos  how long to listen for adverts, or null for the longest
     *                     Master_Down_Interval of the configured instances
     * @param nginxConfigs nginx configurations to read besides those of running nginx masters
     */
    public Doctor(Host host, Path configFile, String configId, Long listenNanos, List<Path> nginxConfigs) {
        this.host = host;
        this.configFile = configFile;
        this.configId = configId;
        this.listenNanos = listenNanos;
        this.nginxConfigs = List.copyOf(nginxConfigs);
    }

    /** Runs the checks; throws {@link IllegalArgumentException} when the configuration cannot be read. */
    public Report run() {
        DoctorConfig loaded = DoctorConfig.load(configFile, configId);
        KeepalivedConfig config = loaded.config();
        Report report = new Report(configFile.toString());
        if (config.vrrpInstances().isEmpty()) {
            report.note("the configuration has no vrrp_instance: nothing to check on the network");
        }
        report.addAll(InterfaceCheck.run(config, host));
        report.addAll(ScriptCheck.run(loaded));
        Map<String, Set<String>> igmp = Multicast.igmpGroups(host.readLines("/proc/self/net/igmp"));
        Map<String, Set<String>> igmp6 = Multicast.igmp6Groups(host.readLines("/proc/self/net/igmp6"));
        boolean daemon = Multicast.vrrpSocketOpen(Multicast.concat(host.readLines("/proc/self/net/raw"),
                host.readLines("/proc/self/net/raw6")));
        report.addAll(SegmentCheck.membership(config, igmp, igmp6, daemon, iface -> !java.nio.file.Files.isDirectory(
                java.nio.file.Path.of("/proc/sys/net/ipv6")) || host.sysctl("net.ipv6.conf." + iface + ".disable_ipv6").orElse(0) == 1));
        SegmentListener.Observations heard = listen(config, report);
        report.addAll(SegmentCheck.run(config, host, heard));
        Map<String, Set<InetAddress>> sources = heard.sources();
        report.addAll(SysctlCheck.run(config, host, sources));
        report.addAll(NonlocalBindCheck.run(config, host, nginxConfigs, report));
        Ruleset rules = FirewallCheck.liveRules(host, report);
        report.addAll(FirewallCheck.adverts(config, host, rules, sources, report));
        report.addAll(FirewallCheck.vips(config, rules, report));
        return report;
    }

    private SegmentListener.Observations listen(KeepalivedConfig config, Report report) {
        Set<String> interfaces = new LinkedHashSet<>();
        List<SegmentListener.Probe> probes = new ArrayList<>();
        long longest = 0;
        Set<InetAddress> allVips = new LinkedHashSet<>();
        config.vrrpInstances().forEach(vi -> vi.virtualIps().forEach(v -> allVips.add(Addresses.parse(v.address()))));
        for (VrrpInstance vi : config.vrrpInstances()) {
            if (vi.interfaceName() == null || !host.interfaceExists(vi.interfaceName())) {
                continue;
            }
            interfaces.add(vi.interfaceName());
            longest = Math.max(longest, SegmentCheck.masterDownNanos(vi));
            for (VirtualIp vip : vi.virtualIps()) {
                InetAddress a = Addresses.parse(vip.address());
                String dev = vip.dev() != null ? vip.dev() : vi.interfaceName();
                if (a instanceof Inet4Address && dev.equals(vi.interfaceName())) {
                    probes.add(new SegmentListener.Probe(dev, a, allVips));
                }
            }
        }
        if (interfaces.isEmpty()) {
            return new SegmentListener.Observations(List.of(), List.of(), 0);
        }
        long duration = listenNanos != null ? listenNanos : longest;
        return new SegmentListener(host).listen(new ArrayList<>(interfaces), probes, duration, report);
    }
}
