package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same VIPs, added by real keepalived 2.2.7 in one namespace and by {@link Rtnetlink} in
 * another, look the same in {@code ip -d addr}: label, scope, broadcast, nodad, deprecated and
 * lifetimes.
 */
class KeepalivedAddressComparisonTest {

    static final String CONFIG = """
        global_defs {
          router_id compare
        }
        vrrp_instance VI_4 {
          state MASTER
          interface veth0
          virtual_router_id 51
          priority 200
          advert_int 1
          virtual_ipaddress {
            192.0.2.10/24 dev veth0 label veth0:vip
            192.0.2.11 dev veth0
            203.0.113.5/24 brd 203.0.113.255 dev veth0 scope link
          }
        }
        vrrp_instance VI_6 {
          state MASTER
          interface veth0
          virtual_router_id 52
          priority 200
          advert_int 1
          virtual_ipaddress {
            fe80::1:52/128 dev veth0
            2001:db8::52/64 dev veth0
            2001:db8::53 dev veth0
            2001:db8::54/64 dev veth0 -nodad
          }
        }
        """;

    @Test
    void ourVipsAndKeepalivedsAreIdenticalInIpDAddr() throws Exception {
        try (Netns theirs = AddressNamespaceTest.vethNamespace("nlt-cmpk");
             Netns ours = AddressNamespaceTest.vethNamespace("nlt-cmpj");
             ChildJvm agent = new ChildJvm(ours.name, NetlinkAgent.class)) {
            agent.await("READY"::equals, 20_000, "agent start");
            agent.call("add " + AddressNamespaceTest.KEEPALIVED_STYLE_VIPS, 10_000);
            List<String> keepalivedLines;
            try (Keepalived keepalived = new Keepalived(theirs, CONFIG)) {
                keepalived.awaitLog("(VI_4) Entering MASTER STATE", 15_000);
                keepalived.awaitLog("(VI_6) Entering MASTER STATE", 15_000);
                Poll.until(() -> AddressNamespaceTest.vipLines(theirs, "veth0").size() == 14
                    && !theirs.ip("-6", "addr", "show", "dev", "veth0").contains("tentative"), 10_000,
                    "keepalived's 7 VIPs, DAD finished");
                keepalivedLines = AddressNamespaceTest.vipLines(theirs, "veth0");
            }
            Poll.until(() -> !ours.ip("-6", "addr", "show", "dev", "veth0").contains("tentative"), 10_000,
                "DAD finished on our side");
            System.out.println("keepalived 2.2.7:\n" + String.join("\n", keepalivedLines));
            assertThat(AddressNamespaceTest.vipLines(ours, "veth0")).containsExactlyInAnyOrderElementsOf(keepalivedLines);
        }
    }
}
