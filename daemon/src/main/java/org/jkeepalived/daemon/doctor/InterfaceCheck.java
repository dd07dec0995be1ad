package org.jkeepalived.daemon.doctor;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.TrackedItem;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.config.model.VrrpInstance;

/**
 * Check 8: every interface the configuration names exists in this network namespace (instance
 * interface, track_interface, VIP dev) and unicast_src_ip is an address of one of them. With
 * {@code dynamic_interfaces} a missing interface is expected to appear later, so it is a warning.
 */
final class InterfaceCheck {
    private InterfaceCheck() {
    }

    static List<Finding> run(KeepalivedConfig config, Host host) {
        List<Finding> findings = new ArrayList<>();
        Set<String> present = new LinkedHashSet<>(host.interfaceNames());
        boolean dynamic = config.globalDefs().dynamicInterfaces();
        for (VrrpInstance vi : config.vrrpInstances()) {
            String iface = vi.interfaceName();
            if (iface != null && !present.contains(iface)) {
                findings.add(missing(Code.JKA070, vi.name(), dynamic, "interface " + iface
                                + " does not exist here; the instance cannot send or receive adverts (keepalived stops:"
                                + " 'Non-existent interface specified in configuration')",
                        "create " + iface + " or set 'interface' to one of: " + String.join(", ", present)));
            }
            for (TrackedItem tracked : vi.trackedInterfaces()) {
                if (!present.contains(tracked.name())) {
                    findings.add(missing(Code.JKA071, vi.name(), dynamic, "track_interface " + tracked.name()
                                    + " does not exist here; keepalived ignores it, so its failure never moves the VIP",
                            "fix the name in track_interface (interfaces here: " + String.join(", ", present) + ")"));
                }
            }
            Set<String> reported = new LinkedHashSet<>();
            for (VirtualIp vip : vi.virtualIps()) {
                if (vip.dev() != null && !vip.dev().equals(iface) && !present.contains(vip.dev())
                        && reported.add(vip.dev())) {
                    findings.add(missing(Code.JKA073, vi.name(), dynamic, "VIP " + vip.address() + " is on dev "
                                    + vip.dev() + ", which does not exist here; the VIP cannot be added",
                            "fix 'dev " + vip.dev() + "' on the virtual_ipaddress line"));
                }
            }
            if (vi.unicastSrcIp() != null) {
                checkUnicastSource(vi, host, findings);
            }
        }
        return findings;
    }

    private static void checkUnicastSource(VrrpInstance vi, Host host, List<Finding> findings) {
        String src = vi.unicastSrcIp();
        InetAddress address = Addresses.parse(src);
        if (address == null || host.interfaceWith(address).isPresent()) {
            return;
        }
        findings.add(Finding.of(Code.JKA072, vi.name(), "unicast_src_ip " + src
                        + " is not an address of any interface here; adverts cannot be sent from it",
                "add " + src + " to " + (vi.interfaceName() != null ? vi.interfaceName() : "the interface")
                        + " or set unicast_src_ip to one of its addresses"));
    }

    private static Finding missing(Code code, String subject, boolean dynamic, String message, String fix) {
        return dynamic
                ? new Finding(code, Severity.WARNING, subject, message + " (dynamic_interfaces: it may appear later)", fix)
                : Finding.of(code, subject, message, fix);
    }
}
