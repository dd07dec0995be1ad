package org.jkeepalived.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether IPv6 is usable on one interface, read from {@code /proc/sys/net/ipv6} of the current
 * network namespace: absent when the kernel runs with {@code ipv6.disable=1} (or has no IPv6),
 * disabled when {@code net.ipv6.conf.DEV.disable_ipv6} is 1 (setting {@code all} writes every
 * interface's value; {@code default} sets it for interfaces created later). Stateless; safe from
 * any thread.
 */
enum Ipv6Support {
    /** No {@code /proc/sys/net/ipv6}: AF_INET6 sockets cannot even be created. */
    ABSENT,
    /** The interface has {@code disable_ipv6=1}: no addresses, no MLD, no IPv6 frames. */
    DISABLED,
    /** IPv6 is on (or the setting could not be read, so joining is worth trying). */
    ENABLED;

    static final Path PROC_SYS_NET_IPV6 = Path.of("/proc/sys/net/ipv6");

    /** The state of {@code device} in this namespace. */
    static Ipv6Support of(String device) {
        return of(PROC_SYS_NET_IPV6, device);
    }

    /** The state of {@code device} as the tree under {@code procSysNetIpv6} says (tests pass a copy). */
    static Ipv6Support of(Path procSysNetIpv6, String device) {
        if (!Files.isDirectory(procSysNetIpv6)) {
            return ABSENT;
        }
        if (device.isEmpty() || device.contains("/") || device.equals(".") || device.equals("..")) {
            return ENABLED;
        }
        Path setting = procSysNetIpv6.resolve("conf").resolve(device).resolve("disable_ipv6");
        try {
            String value = Files.readString(setting, StandardCharsets.US_ASCII).trim();
            return value.equals("0") ? ENABLED : DISABLED;
        } catch (IOException e) {
            // the interface may be gone or renamed: let the join itself decide
            return ENABLED;
        }
    }

    /** Whether an ff02::12 membership can be attempted at all (an AF_INET6 socket exists). */
    boolean socketsAvailable() {
        return this != ABSENT;
    }
}
