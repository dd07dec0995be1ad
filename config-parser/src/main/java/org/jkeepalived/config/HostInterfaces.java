package org.jkeepalived.config;

import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network interfaces of the namespace the configuration is checked in: keepalived warns about
 * interfaces that do not exist, and rejects loopback for VRRP. The daemon passes {@link #system()},
 * tests pass {@link #of(Map)}. Implementations are immutable snapshots.
 */
public interface HostInterfaces {

    /** Whether an interface with this name exists. */
    boolean exists(String name);

    /** Whether the interface is a loopback device. */
    boolean isLoopback(String name);

    /** The interface's addresses as "ADDR/PREFIX", primary first; empty when unknown. */
    List<String> addresses(String name);

    /**
     * Whether a named network namespace ({@code ip netns}) exists: keepalived -t with a
     * {@code net_namespace} it cannot enter stops after the parent's parse.
     */
    default boolean namespaceExists(String name) {
        return false;
    }

    /**
     * Whether a host name resolves without network traffic (the hosts file). keepalived resolves
     * {@code smtp_server} names with DNS; the parser never sends queries, see docs/compatibility.md.
     * The fixed view knows only {@code localhost}.
     */
    default boolean resolvable(String hostName) {
        return hostName.equalsIgnoreCase("localhost");
    }

    /**
     * A fixed view: interface name → addresses ("ADDR/PREFIX"). An interface called {@code lo} is
     * loopback.
     */
    static HostInterfaces of(Map<String, List<String>> interfaces) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        interfaces.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new HostInterfaces() {
            @Override
            public boolean exists(String name) {
                return copy.containsKey(name);
            }

            @Override
            public boolean isLoopback(String name) {
                return "lo".equals(name);
            }

            @Override
            public List<String> addresses(String name) {
                return copy.getOrDefault(name, List.of());
            }
        };
    }

    /**
     * A snapshot of this process's network namespace. Interface names come from
     * {@code /proc/self/net/dev}, which lists every interface of the namespace, including ones that
     * are down or have no address ({@link NetworkInterface} only lists interfaces that carry an
     * address, so a down veth would wrongly be reported missing); addresses come from
     * {@link NetworkInterface}. An unreadable interface list gives an empty view (every interface
     * is then reported missing).
     */
    static HostInterfaces system() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        List<String> loopbacks = new ArrayList<>();
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/net/dev"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    found.put(line.substring(0, colon).trim(), new ArrayList<>());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: fall back to what NetworkInterface sees
        }
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                List<String> addrs = found.computeIfAbsent(nif.getName(), k -> new ArrayList<>());
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    String host = a.getAddress().getHostAddress();
                    int scope = host.indexOf('%');
                    addrs.add((scope >= 0 ? host.substring(0, scope) : host) + "/" + a.getNetworkPrefixLength());
                }
                if (nif.isLoopback()) {
                    loopbacks.add(nif.getName());
                }
            }
        } catch (SocketException | RuntimeException e) {
            // keep the names read from /proc
        }
        if (found.containsKey("lo") && !loopbacks.contains("lo")) {
            loopbacks.add("lo");
        }
        HostInterfaces view = of(found);
        return new HostInterfaces() {
            @Override
            public boolean exists(String name) {
                return view.exists(name);
            }

            @Override
            public boolean isLoopback(String name) {
                return loopbacks.contains(name);
            }

            @Override
            public List<String> addresses(String name) {
                return view.addresses(name);
            }

            @Override
            public boolean resolvable(String hostName) {
                try {
                    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/hosts"))) {
                        int hash = line.indexOf('#');
                        String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                        for (int i = 1; i < f.length; i++) {
                            if (f[i].equalsIgnoreCase(hostName)) {
                                return true;
                            }
                        }
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    return false;
                }
                return false;
            }

            @Override
            public boolean namespaceExists(String name) {
                return !name.contains("/") && java.nio.file.Files.exists(java.nio.file.Path.of("/run/netns", name));
            }
        };
    }
}
