package org.jkeepalived.vrrp.port;

import java.net.Inet4Address;
import java.net.Inet6Address;

/**
 * What the core needs to know about one interface.
 *
 * @param name        interface name
 * @param index       ifindex
 * @param mac         6-byte hardware address
 * @param mtu         MTU in bytes
 * @param up          administratively up ({@code IFF_UP})
 * @param running     operationally up ({@code IFF_RUNNING}); the state VRRP follows
 * @param primaryIpv4 the interface's primary IPv4 address (the advert source), or {@code null}
 * @param linkLocalIpv6 the interface's IPv6 link-local address (the v6 advert source), or {@code null}
 */
public record LinkInfo(String name, int index, byte[] mac, int mtu, boolean up, boolean running,
                       Inet4Address primaryIpv4, Inet6Address linkLocalIpv6) {
}
