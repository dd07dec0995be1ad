package org.jkeepalived.netlink.rtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RouteRuleNeighbourMessagesTest {

    private static String hex(MessageWriter out) {
        return HexVector.hex(out.toByteArray());
    }

    private static String expected(String annotated) {
        return HexVector.hex(HexVector.bytes(annotated));
    }

    @Test
    void routeViaGatewayInTable100WithMetric() throws Exception {
        MessageWriter out = new MessageWriter();
        RouteSpec route = RouteSpec.unicast(InetAddress.getByName("203.0.113.0"), 24,
            InetAddress.getByName("198.51.100.254"), 3).withTable(100).withMetric(5)
            .withProtocol(Rtnl.RTPROT_KEEPALIVED);
        RouteMessages.add(out, 11, route);
        assertThat(hex(out)).isEqualTo(expected("""
            44000000 1800 0505 0b000000 00000000 // nlmsghdr: len 68, RTM_NEWROUTE, REQUEST|ACK|REPLACE|CREATE, seq 11
            02 18 00 00 64 12 00 01 00000000     // rtmsg: AF_INET, dst /24, table 100, proto keepalived, scope universe, unicast
            0800 0100 cb007100                   // RTA_DST 203.0.113.0
            0800 0500 c63364fe                   // RTA_GATEWAY 198.51.100.254
            0800 0400 03000000                   // RTA_OIF 3
            0800 0600 05000000                   // RTA_PRIORITY 5
            0800 0f00 64000000                   // RTA_TABLE 100
            """));
    }

    @Test
    void onLinkRouteHasScopeLinkAndBigTableGoesInAttributeOnly() throws Exception {
        MessageWriter out = new MessageWriter();
        RouteMessages.delete(out, 12, RouteSpec.unicast(InetAddress.getByName("2001:db8:1::"), 48, null, 2)
            .withTable(1000));
        assertThat(hex(out)).isEqualTo(expected("""
            40000000 1900 0500 0c000000 00000000 // nlmsghdr: len 64, RTM_DELROUTE, REQUEST|ACK, seq 12
            0a 30 00 00 00 03 fd 01 00000000     // rtmsg: AF_INET6, /48, table in attribute, proto boot, scope link, unicast
            1400 0100 20010db8000100000000000000000000 // RTA_DST 2001:db8:1::
            0800 0400 02000000                   // RTA_OIF 2
            0800 0f00 e8030000                   // RTA_TABLE 1000
            """));
    }

    @Test
    void routeLookupAndItsAnswer() throws Exception {
        MessageWriter out = new MessageWriter();
        RouteMessages.lookup(out, 13, InetAddress.getByName("203.0.113.9"));
        assertThat(hex(out)).isEqualTo(expected("""
            24000000 1a00 0100 0d000000 00000000 // nlmsghdr: len 36, RTM_GETROUTE, REQUEST, seq 13
            02 20 00 00 00 00 00 00 00000000     // rtmsg: AF_INET, /32
            0800 0100 cb007109                   // RTA_DST 203.0.113.9
            """));
        RouteMessages.Lookup answer = RouteMessages.parseLookup(HexVector.buffer("""
            02 20 00 00 fe 00 00 01 00020000     // rtmsg: AF_INET, /32, main, unicast, RTM_F_CLONED
            0800 0f00 fe000000                   // RTA_TABLE main
            0800 0100 cb007109                   // RTA_DST 203.0.113.9
            0800 0400 03000000                   // RTA_OIF 3
            0800 0500 c63364fe                   // RTA_GATEWAY 198.51.100.254
            """));
        assertThat(answer.gateway().getHostAddress()).isEqualTo("198.51.100.254");
        assertThat(answer.outputIndex()).isEqualTo(3);
    }

    @Test
    void ruleFromPrefixLookupTable() throws Exception {
        MessageWriter out = new MessageWriter();
        RuleMessages.add(out, 14, RuleSpec.from(InetAddress.getByName("192.0.2.0"), 24, 100, 1000));
        assertThat(hex(out)).isEqualTo(expected("""
            3c000000 2000 0506 0e000000 00000000 // nlmsghdr: len 60, RTM_NEWRULE, REQUEST|ACK|EXCL|CREATE, seq 14
            02 00 18 00 64 00 00 01 00000000     // fib_rule_hdr: AF_INET, dst /0, src /24, table 100, FR_ACT_TO_TBL
            0800 0600 e8030000                   // FRA_PRIORITY 1000
            0800 0f00 64000000                   // FRA_TABLE 100
            0800 0200 c0000200                   // FRA_SRC 192.0.2.0
            0500 1500 12 000000                  // FRA_PROTOCOL keepalived, padded
            """));
    }

    @Test
    void ruleWithMarkAndInterfaces() throws Exception {
        MessageWriter out = new MessageWriter();
        RuleMessages.delete(out, 15, new RuleSpec(Rtnl.AF_INET6, null, 0,
            InetAddress.getByName("2001:db8::"), 32, 200, -1, 7, 0xff, "eth0", null));
        assertThat(hex(out)).isEqualTo(expected("""
            54000000 2100 0500 0f000000 00000000 // nlmsghdr: len 84, RTM_DELRULE, REQUEST|ACK, seq 15
            0a 20 00 00 c8 00 00 01 00000000     // fib_rule_hdr: AF_INET6, dst /32, table 200, FR_ACT_TO_TBL
            0800 0f00 c8000000                   // FRA_TABLE 200
            1400 0100 20010db8000000000000000000000000 // FRA_DST 2001:db8::
            0800 0a00 07000000                   // FRA_FWMARK 7
            0800 1000 ff000000                   // FRA_FWMASK 0xff
            0900 0300 6574683000 000000          // FRA_IIFNAME "eth0"
            """));
    }

    @Test
    void neighbourDumpTriggerAndParse() throws Exception {
        MessageWriter out = new MessageWriter();
        NeighbourMessages.dumpRequest(out, 16, Rtnl.AF_INET);
        NeighbourMessages.triggerResolution(out, 17, 3, InetAddress.getByName("198.51.100.2"));
        assertThat(hex(out)).isEqualTo(expected("""
            1c000000 1e00 0103 10000000 00000000 // nlmsghdr: len 28, RTM_GETNEIGH, dump, seq 16
            02 00 0000 00000000 0000 00 00       // ndmsg: AF_INET, all interfaces
            24000000 1c00 0504 11000000 00000000 // nlmsghdr: len 36, RTM_NEWNEIGH, REQUEST|ACK|CREATE, seq 17
            02 00 0000 03000000 0000 01 00       // ndmsg: AF_INET, ifindex 3, NUD_NONE, NTF_USE
            0800 0100 c6336402                   // NDA_DST 198.51.100.2
            """));
        NeighbourEntry entry = NeighbourMessages.parse(HexVector.buffer("""
            02 00 0000 03000000 0200 00 01       // ndmsg: AF_INET, ifindex 3, NUD_REACHABLE, type unicast
            0800 0100 c6336402                   // NDA_DST 198.51.100.2
            0a00 0200 020000000002 0000          // NDA_LLADDR 02:00:00:00:00:02
            """));
        assertThat(entry.usable()).isTrue();
        assertThat(entry.mac()).containsExactly(2, 0, 0, 0, 0, 2);
        NeighbourEntry incomplete = NeighbourMessages.parse(HexVector.buffer("""
            02 00 0000 03000000 0100 00 01       // ndmsg: ifindex 3, NUD_INCOMPLETE
            0800 0100 c6336402                   // NDA_DST 198.51.100.2, no NDA_LLADDR yet
            """));
        assertThat(incomplete.usable()).isFalse();
    }

    @Test
    void badSpecsAreRejected() throws Exception {
        assertThatThrownBy(() -> RouteSpec.unicast(InetAddress.getByName("192.0.2.0"), 33, null, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> new RuleSpec(7, null, 0, null, 0, 1, 1, -1, -1, null, null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("family");
    }
}
