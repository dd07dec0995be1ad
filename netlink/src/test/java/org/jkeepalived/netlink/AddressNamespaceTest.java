package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * VIPs added through {@link Rtnetlink} inside a test namespace show in {@code ip -d addr} exactly
 * as keepalived 2.2.7's do (keepalived-runtime.md §5, re-verified live in
 * {@link KeepalivedAddressComparisonTest}).
 */
class AddressNamespaceTest {

    static final String KEEPALIVED_STYLE_VIPS = String.join(";",
        "192.0.2.10/24 dev veth0 label veth0:vip",
        "192.0.2.11 dev veth0",
        "203.0.113.5/24 brd 203.0.113.255 dev veth0 scope 253",
        "fe80::1:52/128 dev veth0",
        "2001:db8::52/64 dev veth0",
        "2001:db8::53 dev veth0",
        "2001:db8::54/64 dev veth0 -nodad");

    static Netns vethNamespace(String prefix) throws IOException {
        Netns ns = Netns.create(prefix);
        try {
            ns.ip("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
            ns.ip("link", "set", "veth0", "up");
            ns.ip("link", "set", "veth1", "up");
            ns.ip("addr", "add", "198.51.100.1/24", "dev", "veth0");
            return ns;
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    /** The VIP lines of {@code ip -d addr show dev DEV} (each address line and its lifetime line). */
    static List<String> vipLines(Netns ns, String device) throws IOException {
        List<String> lines = Arrays.stream(ns.ip("-d", "addr", "show", "dev", device).split("\n"))
            .map(String::trim).collect(Collectors.toList());
        List<String> vips = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean vip = line.startsWith("inet 192.0.2.") || line.startsWith("inet 203.0.113.")
                || line.startsWith("inet6 2001:db8::") || line.startsWith("inet6 fe80::1:52");
            if (vip) {
                vips.add(line);
                vips.add(i + 1 < lines.size() ? lines.get(i + 1) : "");
            }
        }
        return vips;
    }

    @Test
    void vipsLookExactlyLikeKeepalivedsAndGoAwayAgain() throws Exception {
        try (Netns ns = vethNamespace("nlt-addr");
             ChildJvm agent = new ChildJvm(ns.name, NetlinkAgent.class)) {
            agent.await("READY"::equals, 20_000, "agent start");
            agent.call("add " + KEEPALIVED_STYLE_VIPS, 10_000);
            // the -nodad address is "tentative" until duplicate address detection ends
            Poll.until(() -> !ns.ip("-6", "addr", "show", "dev", "veth0").contains("tentative"), 10_000,
                "DAD to finish for 2001:db8::54");
            assertThat(vipLines(ns, "veth0")).containsExactlyInAnyOrder(
                "inet 192.0.2.10/24 scope global veth0:vip", "valid_lft forever preferred_lft forever",
                "inet 192.0.2.11/32 scope global veth0", "valid_lft forever preferred_lft forever",
                "inet 203.0.113.5/24 brd 203.0.113.255 scope link veth0", "valid_lft forever preferred_lft forever",
                "inet6 fe80::1:52/128 scope link nodad deprecated", "valid_lft forever preferred_lft 0sec",
                "inet6 2001:db8::52/64 scope global nodad", "valid_lft forever preferred_lft forever",
                "inet6 2001:db8::53/128 scope global nodad deprecated", "valid_lft forever preferred_lft 0sec",
                "inet6 2001:db8::54/64 scope global", "valid_lft forever preferred_lft forever");

            // adding again is idempotent (NLM_F_REPLACE), as keepalived's re-adds are
            agent.call("add " + KEEPALIVED_STYLE_VIPS, 10_000);
            assertThat(vipLines(ns, "veth0")).hasSize(14);

            agent.call("remove " + KEEPALIVED_STYLE_VIPS, 10_000);
            assertThat(vipLines(ns, "veth0")).isEmpty();
            assertThat(ns.ip("-4", "addr", "show", "dev", "veth0")).contains("198.51.100.1/24");
            // removing what is gone is not an error
            agent.call("remove " + KEEPALIVED_STYLE_VIPS, 10_000);
        }
    }

    @Test
    void refusedRequestsAreReportedWithTheKernelsReason() throws Exception {
        try (Netns ns = vethNamespace("nlt-err");
             ChildJvm agent = new ChildJvm(ns.name, NetlinkAgent.class)) {
            agent.await("READY"::equals, 20_000, "agent start");
            assertThatThrownBy(() -> agent.call("add 192.0.2.1 dev nosuch0", 10_000))
                .hasMessageContaining("interface nosuch0 does not exist");
            // a /33 reaches the kernel and is refused: the error names the request and the reason
            assertThatThrownBy(() -> agent.call("add 192.0.2.1/33 dev veth0;192.0.2.2 dev veth0", 10_000))
                .hasMessageContaining("RTM_NEWADDR 192.0.2.1/33 dev veth0")
                .hasMessageContaining("errno 22");
            // the valid request in the same batch was still applied and acknowledged
            assertThat(ns.ip("-4", "addr", "show", "dev", "veth0")).contains("192.0.2.2/32");
        }
    }

    /**
     * The daemon's warm-up runs the address-add path against the kernel thousands of times: every
     * request must be answered (ENODEV for interface 0) and none may change an address or raise
     * an address event that the daemon's own monitor would see.
     */
    @Test
    void exercisingTheAddressPathChangesNothing() throws Exception {
        try (Netns ns = vethNamespace("nlt-warm");
             ChildJvm agent = new ChildJvm(ns.name, NetlinkAgent.class)) {
            agent.await("READY"::equals, 20_000, "agent start");
            agent.call("monitor", 10_000);
            String before = ns.ip("addr", "show");
            assertThat(agent.call("exercise 1000 192.0.2.77/24 dev veth0", 30_000)).endsWith(" 1000");
            assertThat(agent.call("exercise 1000 2001:db8::77/64 dev veth0", 30_000)).endsWith(" 1000");
            assertThat(ns.ip("addr", "show")).isEqualTo(before);
            // a real add afterwards is seen by the monitor: the absence of events above is not a dead monitor
            agent.call("add 192.0.2.78 dev veth0", 10_000);
            Poll.until(() -> agent.transcript().stream().anyMatch(l -> l.startsWith("EVENT") && l.contains("192.0.2.78")),
                10_000, "the monitor to report 192.0.2.78");
            assertThat(agent.transcript()).noneMatch(l -> l.startsWith("EVENT") && l.contains(":77"));
            assertThat(agent.transcript()).noneMatch(l -> l.startsWith("EVENT") && l.contains("192.0.2.77"));
        }
    }

    /**
     * A takeover takes the interface index from the monitor's view; when that index is stale
     * (the interface was re-created since) the kernel's ENODEV makes the add look the name up
     * again, and the address still lands on the right interface.
     */
    @Test
    void aStaleKnownIndexFallsBackToALookup() throws Exception {
        try (Netns ns = vethNamespace("nlt-idx");
             ChildJvm agent = new ChildJvm(ns.name, NetlinkAgent.class)) {
            agent.await("READY"::equals, 20_000, "agent start");
            String index = ns.ip("-o", "link", "show", "dev", "veth0").split(":")[0].trim();
            agent.call("addknown " + index + " 192.0.2.31 dev veth0", 10_000);
            agent.call("addknown 987654 192.0.2.32 dev veth0;2001:db8::32 dev veth0", 10_000);
            assertThat(ns.ip("addr", "show", "dev", "veth0")).contains("192.0.2.31/32", "192.0.2.32/32",
                "2001:db8::32/128");
            // a name that is not an interface at all is still an error, after the retry
            assertThatThrownBy(() -> agent.call("addknown 987654 192.0.2.33 dev nosuch0", 10_000))
                .hasMessageContaining("interface nosuch0 does not exist");
        }
    }

    @Test
    void aThousandVipsInOneBatch() throws Exception {
        try (Netns ns = vethNamespace("nlt-1k");
             ChildJvm agent = new ChildJvm(ns.name, NetlinkAgent.class)) {
            agent.await("READY"::equals, 20_000, "agent start");
            agent.call("addmany veth0 6 1000", 30_000);
            assertThat(countLines(ns.ip("-6", "addr", "show", "dev", "veth0"), "inet6 2001:db8:1::")).isEqualTo(1000);
            agent.call("addmany veth0 4 762", 30_000);
            assertThat(countLines(ns.ip("-4", "addr", "show", "dev", "veth0"), "/32 scope global")).isEqualTo(762);
            agent.call("removemany veth0 6 1000", 30_000);
            agent.call("removemany veth0 4 762", 30_000);
            assertThat(countLines(ns.ip("-6", "addr", "show", "dev", "veth0"), "inet6 2001:db8:1::")).isZero();
            assertThat(countLines(ns.ip("-4", "addr", "show", "dev", "veth0"), "/32 scope global")).isZero();
            // 198.51.100.1/32 was one of the VIPs: deleting it left the interface's own /24 alone
            assertThat(ns.ip("-4", "addr", "show", "dev", "veth0")).contains("inet 198.51.100.1/24");
        }
    }

    static long countLines(String text, String containing) {
        return Arrays.stream(text.split("\n")).filter(l -> l.contains(containing)).count();
    }
}
