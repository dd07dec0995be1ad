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
