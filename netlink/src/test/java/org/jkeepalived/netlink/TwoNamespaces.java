package org.jkeepalived.netlink;

import java.io.IOException;

/**
 * Two test namespaces joined by a veth pair: "a" has vethA 198.51.100.1/24, "b" has vethB
 * 198.51.100.2/24, both with IPv6 link-local addresses ready (DAD finished). Deleted by close().
 */
final class TwoNamespaces implements AutoCloseable {
    final Netns a;
    final Netns b;

    private TwoNamespaces(Netns a, Netns b) {
        this.a = a;
        this.b = b;
    }

    static TwoNamespaces create(String prefix) throws Exception {
        Netns a = Netns.create(prefix + "a");
        Netns b = null;
        try {
            b = Netns.create(prefix + "b");
            TwoNamespaces pair = new TwoNamespaces(a, b);
            pair.connect();
            return pair;
        } catch (Exception e) {
            a.close();
            if (b != null) {
                b.close();
            }
            throw e;
        }
    }

    /** (Re)creates the veth pair and its addresses, and waits until IPv6 link-locals are usable. */
    void connect() throws Exception {
        a.ip("link", "add", "vethA", "type", "veth", "peer", "name", "vethB", "netns", b.name);
        a.ip("addr", "add", "198.51.100.1/24", "dev", "vethA");
        b.ip("addr", "add", "198.51.100.2/24", "dev", "vethB");
        a.ip("link", "set", "vethA", "up");
        b.ip("link", "set", "vethB", "up");
        Poll.until(() -> ready(a, "vethA") && ready(b, "vethB"), 10_000, "IPv6 link-local addresses");
    }

    private static boolean ready(Netns ns, String device) throws IOException {
        String v6 = ns.ip("-6", "addr", "show", "dev", device);
        return v6.contains("fe80::") && !v6.contains("tentative")
            && ns.ip("link", "show", "dev", device).contains("state UP");
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
