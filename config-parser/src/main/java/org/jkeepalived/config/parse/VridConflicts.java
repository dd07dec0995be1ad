package org.jkeepalived.config.parse;

import static org.jkeepalived.config.ConfigError.GENERAL_ERROR;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.model.AddressFamily;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.parse.Drafts.GlobalDraft;

/** keepalived's duplicate-VRID check over the validated instances. */
final class VridConflicts {
    private final GlobalDraft global;
    private final HostInterfaces interfaces;
    private final Reporter out;

    VridConflicts(GlobalDraft global, HostInterfaces interfaces, Reporter out) {
        this.global = global;
        this.interfaces = interfaces;
        this.out = out;
    }

    /**
     * keepalived's check_vrid_conflicts: two multicast instances with the same VRID and family on
     * the same interface and group, or two unicast instances with the same VRID, source address
     * and a common peer. Quadratic only within one VRID/family bucket.
     */
    boolean found(List<VrrpInstance> instances) {
        boolean error = false;
        Map<String, List<VrrpInstance>> buckets = new LinkedHashMap<>();
        for (VrrpInstance vi : instances) {
            buckets.computeIfAbsent(vi.family() + "/" + vi.virtualRouterId(), k -> new ArrayList<>()).add(vi);
        }
        for (List<VrrpInstance> bucket : buckets.values()) {
            for (int i = 0; i < bucket.size(); i++) {
                for (int j = i + 1; j < bucket.size(); j++) {
                    error |= conflict(bucket.get(i), bucket.get(j));
                }
            }
        }
        return error;
    }

    private boolean conflict(VrrpInstance a, VrrpInstance b) {
        boolean unicastA = !a.unicastPeers().isEmpty();
        if (unicastA != !b.unicastPeers().isEmpty()) {
            return false;
        }
        if (unicastA) {
            if (a.interfaceName() != null && b.interfaceName() != null && !a.interfaceName().equals(b.interfaceName())) {
                return false;
            }
            String sa = sourceAddress(a);
            String sb = sourceAddress(b);
            if (sa == null || sb == null || !sa.equals(sb)) {
                return false;
            }
            boolean sharedPeer = a.unicastPeers().stream().anyMatch(p -> b.unicastPeers().stream()
                    .anyMatch(q -> q.address().equals(p.address())));
            if (!sharedPeer) {
                return false;
            }
            out.report(GENERAL_ERROR, "(" + a.name() + ") duplicate VRID conflict with " + b.name() + " VRID "
                    + a.virtualRouterId());
            return true;
        }
        if (a.interfaceName() == null || !a.interfaceName().equals(b.interfaceName())) {
            return false;
        }
        String defaultGroup = a.family() == AddressFamily.IPV4 ? global.mcastGroup4 : global.mcastGroup6;
        String ga = a.mcastDstIp() != null ? a.mcastDstIp() : defaultGroup;
        String gb = b.mcastDstIp() != null ? b.mcastDstIp() : defaultGroup;
        if (!ga.equals(gb)) {
            return false;
        }
        out.report(GENERAL_ERROR, a.name() + " and " + b.name() + " both use VRID " + a.virtualRouterId() + " with IPv"
                + (a.family() == AddressFamily.IPV4 ? 4 : 6) + " on interface " + a.interfaceName());
        return true;
    }

    /** The configured source address, else the interface's first address of the family. */
    private String sourceAddress(VrrpInstance vi) {
        if (vi.unicastSrcIp() != null) {
            return vi.unicastSrcIp();
        }
        if (vi.interfaceName() == null) {
            return null;
        }
        for (String a : interfaces.addresses(vi.interfaceName())) {
            String addr = a.contains("/") ? a.substring(0, a.indexOf('/')) : a;
            boolean v6 = addr.indexOf(':') >= 0;
            if (v6 == (vi.family() == AddressFamily.IPV6) && !(v6 && Addresses.isIpv6LinkLocal(addr))) {
                return addr;
            }
        }
        return null;
    }
}
