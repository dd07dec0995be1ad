package org.jkeepalived.daemon.vrrp;

import java.util.Optional;

import org.jkeepalived.config.model.AddressFamily;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.vrrp.port.LinkInfo;

/**
 * Whether an instance has the interface address its adverts need as their source. keepalived
 * 2.2.7 (checked in a namespace with {@code disable_ipv6=1}) puts an IPv6 instance whose
 * interface has no IPv6 link-local address in FAULT, logging "(VI_6) entering FAULT state (no
 * IPv6 address for interface)", and leaves FAULT once the interface has one again. An instance
 * with a configured source ({@code unicast_src_ip}, {@code mcast_src_ip}) does not depend on the
 * interface's addresses. IPv4 instances are not gated here. Stateless.
 */
final class SourceAddressGate {
    /** keepalived 2.2.7's wording, after "(NAME) ". */
    static final String NO_IPV6_ADDRESS = "entering FAULT state (no IPv6 address for interface)";

    private SourceAddressGate() {
    }

    /** Whether {@code instance} takes its advert source from its interface's IPv6 link-local address. */
    static boolean needsLinkLocal(VrrpInstance instance) {
        return instance.family() == AddressFamily.IPV6 && instance.unicastSrcIp() == null
                && !instance.otherSettings().containsKey("mcast_src_ip");
    }

    /** Whether {@code instance} has a usable advert source on {@code link} (absent: not known yet). */
    static boolean ready(VrrpInstance instance, Optional<LinkInfo> link) {
        return !needsLinkLocal(instance) || link.map(l -> l.linkLocalIpv6() != null).orElse(false);
    }
}
