package org.jkeepalived.daemon.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LAN made of network namespaces: a "switch" namespace holding bridge {@code br0}, and nodes
 * (load balancers and a client), each with one interface {@code eth0} plugged into switch port
 * {@code p-NODE}. Node {@code i} (1-based, in creation order) has 192.0.2.(10+i)/24 and
 * 2001:db8::(10+i)/64; DAD is off so IPv6 addresses are usable at once. {@link #close()} kills
 * every process in the namespaces and deletes them; it is idempotent and never throws.
 */
public final class Topology implements AutoCloseable {
    /** One node of the LAN. */
    public record Node(String name, Netns ns, String ipv4, String ipv6, String switchPort) {
        /** Runs {@code ip} in this node's namespace. */
        public String ip(String... args) {
            return ns.ip(args);
        }

        /** The MAC address of this node's eth0, lower case with colons. */
        public String mac() {
            String out = ns.ip("-o", "link", "show", "eth0");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no MAC in: " + out);
            }
            return m.group(1);
        }

        /** Whether {@code address} (without prefix) is configured on any interface of this node. */
        public boolean hasAddress(String address) {
            String out = ProcessResult.run(List.of("ip", "-n", ns.name(), "-o", "addr", "show"), null,
                    java.time.Duration.ofSeconds(10)).stdout();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                for (int i = 0; i + 1 < f.length; i++) {
                    if ((f[i].equals("inet") || f[i].equals("inet6")) && f[i + 1].split("/")[0].equals(address)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private final Netns switchNs;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Netns> created = new ArrayList<>();
    private boolean closed;

    private Topology(Netns switchNs) {
        this.switchNs = switchNs;
        created.add(switchNs);
    }

    /** A switch with nodes {@code names} plugged in; on failure everything made so far is removed. */
    public static Topology of(String... names) {
        Topology t = new Topology(Netns.create("sw"));
        try {
            t.switchNs.ip("link", "set", "lo", "up");
            t.switchNs.ip("link", "add", "br0", "type", "bridge", "forward_delay", "0", "mcast_snooping", "0");
            t.switchNs.ip("link", "set", "br0", "up");
            for (String name : names) {
                t.addNode(name);
            }
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private void addNode(String name) {
        Netns ns = Netns.create(name);
        created.add(ns);
        sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
        sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
        int index = nodes.size() + 1;
        String port = "p-" + name;
        ns.vethTo("eth0", switchNs, port);
        switchNs.ip("link", "set", port, "master", "br0");
        switchNs.ip("link", "set", port, "up");
        String v4 = "192.0.2." + (10 + index);
        String v6 = "2001:db8::" + (10 + index);
        ns.ip("link", "set", "lo", "up");
        ns.ip("addr", "add", v4 + "/24", "dev", "eth0");
        ns.ip("-6", "addr", "add", v6 + "/64", "dev", "eth0", "nodad");
        ns.ip("link", "set", "eth0", "up");
        nodes.put(name, new Node(name, ns, v4, v6, port));
    }

    static void sysctl(Netns ns, String key, String value) {
        List<String> argv = new ArrayList<>(ns.execPrefix());
        argv.addAll(List.of("sysctl", "-q", "-w", key + "=" + value));
        Netns.run(argv.toArray(String[]::new));
    }

    /** Sets one sysctl ({@code net.ipv6.conf.all.disable_ipv6} style key) in node {@code name}'s namespace. */
    public void sysctl(String name, String key, String value) {
        sysctl(node(name).ns(), key, value);
    }

    public Node node(String name) {
        Node n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node " + name + " in " + nodes.keySet());
        }
        return n;
    }

    public Netns switchNs() {
        return switchNs;
    }

    /** Cuts a node's link: its switch port goes down, so its eth0 loses carrier. */
    public void cut(String name) {
        switchNs.ip("link", "set", node(name).switchPort(), "down");
    }

    /** Restores a node's link cut by {@link #cut(String)}. */
    public void restore(String name) {
        switchNs.ip("link", "set", node(name).switchPort(), "up");
    }

    /** Starts a capture of everything crossing the switch. */
    public Capture capture(java.nio.file.Path file) {
        return Capture.start(switchNs, "br0", file);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                created.get(i).close();
            } catch (RuntimeException e) {
                System.err.println("cleanup of " + created.get(i).name() + " failed: " + e);
            }
        }
    }
}
