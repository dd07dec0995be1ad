package org.jkeepalived.netlink.rtm;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A route to add or delete ({@code virtual_routes}, {@code static_routes}).
 *
 * @param family       AF_INET or AF_INET6
 * @param destination  destination network, or {@code null} for the default route
 * @param prefixLength destination prefix length in bits
 * @param gateway      {@code via}, or {@code null}
 * @param deviceIndex  {@code dev} ifindex, or 0
 * @param source       {@code src} (RTA_PREFSRC), or {@code null}
 * @param table        routing table (254 = main)
 * @param metric       {@code metric} (RTA_PRIORITY), or -1 for none
 * @param protocol     {@code proto} (keepalived uses 18 when tracked)
 * @param scope        rtnetlink scope; 253 (link) for a unicast route with a device and no gateway
 * @param type         RTN_* type (1 unicast, 6 blackhole, 7 unreachable, 8 prohibit)
 */
public record RouteSpec(int family, InetAddress destination, int prefixLength, InetAddress gateway,
                        int deviceIndex, InetAddress source, int table, int metric, int protocol,
                        int scope, int type) {

    public RouteSpec {
        if (family != Rtnl.AF_INET && family != Rtnl.AF_INET6) {
            throw new IllegalArgumentException("route family must be AF_INET or AF_INET6: " + family);
        }
        int bits = family == Rtnl.AF_INET ? 32 : 128;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("route prefix length out of range: " + prefixLength);
        }
    }

    /**
     * A unicast route with the usual defaults: main table, protocol boot, scope link when there
     * is no gateway, universe otherwise.
     */
    public static RouteSpec unicast(InetAddress destination, int prefixLength, InetAddress gateway,
                                    int deviceIndex) {
        Objects.requireNonNull(destination, "destination");
        int family = destination.getAddress().length == 4 ? Rtnl.AF_INET : Rtnl.AF_INET6;
        int scope = gateway == null && deviceIndex != 0 ? Rtnl.RT_SCOPE_LINK : Rtnl.RT_SCOPE_UNIVERSE;
        return new RouteSpec(family, destination, prefixLength, gateway, deviceIndex, null,
            Rtnl.RT_TABLE_MAIN, -1, Rtnl.RTPROT_BOOT, scope, Rtnl.RTN_UNICAST);
    }

    public RouteSpec withTable(int newTable) {
        return new RouteSpec(family, destination, prefixLength, gateway, deviceIndex, source,
            newTable, metric, protocol, scope, type);
    }

    public RouteSpec withMetric(int newMetric) {
        return new RouteSpec(family, destination, prefixLength, gateway, deviceIndex, source,
            table, newMetric, protocol, scope, type);
    }

    public RouteSpec withProtocol(int newProtocol) {
        return new RouteSpec(family, destination, prefixLength, gateway, deviceIndex, source,
            table, metric, newProtocol, scope, type);
    }
}
