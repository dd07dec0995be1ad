package org.jkeepalived.vrrp.port;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A virtual address as the kernel is asked to hold it, with keepalived's defaults already applied
 * (see {@code keepalived-runtime.md} §5).
 *
 * @param address    the VIP
 * @param prefixLength /32 or /128 unless configured
 * @param device     the interface it goes on (instance interface, its VMAC, or {@code dev})
 * @param label      {@code IFA_LABEL}, or {@code null} when not configured
 * @param broadcast  {@code IFA_BROADCAST}, or {@code null} when {@code brd} was not given
 * @param peer       {@code IFA_ADDRESS} peer, or {@code null}
 * @param scope      rtnetlink scope (0 = global, 253 = link, 254 = host)
 * @param noDad      IPv6: set {@code IFA_F_NODAD} (keepalived's default; {@code -nodad} clears it)
 * @param deprecated IPv6: preferred lifetime 0, so it is never chosen as a source address
 */
public record VirtualAddress(InetAddress address, int prefixLength, String device, String label,
                             InetAddress broadcast, InetAddress peer, int scope, boolean noDad,
                             boolean deprecated) {
    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
    }

    public boolean isIpv6() {
        return address.getAddress().length == 16;
    }
}
