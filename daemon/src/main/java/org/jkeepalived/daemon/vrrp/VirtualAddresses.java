package org.jkeepalived.daemon.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jkeepalived.config.model.AddressFamily;
import org.jkeepalived.config.model.VirtualIp;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * Turns the parser's {@link VirtualIp} lines into the {@link VirtualAddress}es the kernel is asked
 * for, with keepalived's choices: scope names as iproute2 numbers them, IPv6 {@code nodad} unless
 * {@code -nodad}, and a /128 IPv6 VIP deprecated (preferred lifetime 0) so it is never picked as a
 * source address.
 */
public final class VirtualAddresses {
    private VirtualAddresses() {
    }

    /**
     * Maps every line; {@code deviceOverride} (the VMAC interface) replaces the device of addresses
     * that sit on the instance interface, as keepalived puts those on the VMAC.
     */
    public static List<VirtualAddress> map(List<VirtualIp> lines, String instanceInterface, String deviceOverride) {
        List<VirtualAddress> out = new ArrayList<>(lines.size());
        for (VirtualIp vip : lines) {
            String dev = vip.dev();
            if (deviceOverride != null && (dev == null || dev.equals(instanceInterface))) {
                dev = deviceOverride;
            }
            out.add(map(vip, dev == null ? instanceInterface : dev));
        }
        return out;
    }

    static VirtualAddress map(VirtualIp vip, String device) {
        InetAddress address = literal(vip.address());
        boolean v6 = vip.family() == AddressFamily.IPV6;
        InetAddress peer = vip.peer() == null ? null : literal(stripPrefix(vip.peer()));
        InetAddress broadcast = vip.broadcast() == null ? null : literal(vip.broadcast());
        boolean deprecated = v6 && (vip.preferredLft() == null ? vip.prefixLength() == 128 : "0".equals(vip.preferredLft()));
        return new VirtualAddress(address, vip.prefixLength(), device, vip.label(), broadcast, peer,
                scopeNumber(vip.scope()), v6 && vip.nodad(), deprecated);
    }

    /** iproute2's rt_scopes numbering; a number is taken as is. */
    static int scopeNumber(String scope) {
        if (scope == null) {
            return 0;
        }
        switch (scope.toLowerCase(Locale.ROOT)) {
            case "global":
            case "universe":
                return 0;
            case "site":
                return 200;
            case "link":
                return 253;
            case "host":
                return 254;
            case "nowhere":
                return 255;
            default:
                try {
                    int n = Integer.parseInt(scope);
                    return n >= 0 && n <= 255 ? n : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
        }
    }

    private static String stripPrefix(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? text : text.substring(0, slash);
    }

    /** Parses an address literal the parser has already validated (never a host name look-up). */
    static InetAddress literal(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int percent = t.indexOf('%');
        if (percent >= 0) {
            t = t.substring(0, percent);
        }
        if (!t.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP address literal: " + text);
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + text, e);
        }
    }
}
