package org.jkeepalived.daemon.doctor.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jkeepalived.daemon.doctor.firewall.Fate.Outcome;
import org.jkeepalived.daemon.doctor.firewall.ProbePacket.Direction;
import org.junit.jupiter.api.Test;

/**
 * The firewall analysis on rule sets captured from nft 1.0.6 and iptables-save 1.8.9 in a test
 * namespace (src/test/resources/doctor/): which probe packets each one drops, accepts or leaves
 * undecided, and where.
 */
class FirewallRulesTest {
    private static final InetAddress PEER = ip("192.0.2.12");
    private static final InetAddress STRANGER = ip("192.0.2.50");
    private static final InetAddress LOCAL = ip("192.0.2.11");
    private static final InetAddress GROUP = ip("224.0.0.18");
    private static final InetAddress GROUP6 = ip("ff02::12");
    private static final InetAddress VIP = ip("192.0.2.100");

    @Test
    void keepalivedStrictTableDropsPingsToTheVipAndTheirRepliesButNotAdverts() {
        Ruleset rules = NftRules.parse(resource("nft-keepalived-strict.json"));
        Fate ping = FirewallEvaluator.fate(rules, ProbePacket.pingTo(null, VIP, "eth0"));
        assertThat(ping.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(ping.where()).isEqualTo("nft table ip keepalived chain in: ip daddr == @vips drop");
        assertThat(FirewallEvaluator.fate(rules, ProbePacket.pingReplyFrom(VIP, "eth0")).where())
                .contains("chain out: ip saddr == @vips drop");
        assertThat(FirewallEvaluator.fate(rules, ProbePacket.pingTo(null, ip("192.0.2.101"), "eth0")))
                .isEqualTo(Fate.ACCEPTED);
        assertThat(FirewallEvaluator.fate(rules, ProbePacket.vrrp(Direction.RECEIVED, null, GROUP, "eth0")))
                .isEqualTo(Fate.ACCEPTED);
        assertThat(FirewallEvaluator.fate(rules, ProbePacket.vrrp(Direction.SENT, LOCAL, GROUP, "eth0")))
                .isEqualTo(Fate.ACCEPTED);
        assertThat(FirewallEvaluator.fate(rules, ProbePacket.pingTo(null, ip("2001:db8::100"), "eth0")))
                .as("an ip-family table never sees IPv6").isEqualTo(Fate.ACCEPTED);
    }

    @Test
    void inetFilterWithPolicyDropAcceptsOnlyThePeerAndTheGroupThroughItsJump() {
        Ruleset rules = NftRules.parse(resource("nft-inet-filter.json"));
        assertThat(fate(rules, Direction.RECEIVED, PEER, LOCAL, "eth0").outcome())
                .as("unicast from the peer in the named set; the netdev chain's device is unknown")
                .isEqualTo(Outcome.UNDECIDED);
        rules = NftRules.parse(resource("nft-inet-filter.json"), Map.of("netdev edge ingress", List.of("eth1")));
        assertThat(fate(rules, Direction.RECEIVED, PEER, LOCAL, "eth0").outcome())
                .as("unicast from the peer in the named set").isEqualTo(Outcome.ACCEPTED);
        assertThat(fate(rules, Direction.RECEIVED, STRANGER, GROUP, "eth0").outcome())
                .as("multicast: the jumped-to chain accepts 224.0.0.18").isEqualTo(Outcome.ACCEPTED);
        assertThat(fate(rules, Direction.RECEIVED, null, GROUP, "eth0").outcome())
                .as("any source to the group").isEqualTo(Outcome.ACCEPTED);
        Fate stranger = fate(rules, Direction.RECEIVED, STRANGER, LOCAL, "eth0");
        assertThat(stranger.outcome()).as("unicast from a stranger: accepted only if conntrack saw a reply")
                .isEqualTo(Outcome.UNDECIDED);
        assertThat(stranger.where()).contains("ct state vmap [established : accept]");
        Fate unknownSource = fate(rules, Direction.RECEIVED, null, LOCAL, "eth0");
        assertThat(unknownSource.outcome()).as("depends on the source").isEqualTo(Outcome.UNDECIDED);
        assertThat(fate(rules, Direction.SENT, ip("fe80::1"), GROUP6, "eth0").where())
                .isEqualTo("nft table inet filter chain output: meta oifname == eth0 ip6 nexthdr == vrrp drop");
        assertThat(fate(rules, Direction.SENT, ip("fe80::1"), GROUP6, "eth1").outcome())
                .as("the netdev ingress chain does not matter for sending; eth1 is not eth0")
                .isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void pingsThroughTheInetFilterAreAcceptedByTheIcmpRule() {
        Ruleset rules = NftRules.parse(resource("nft-inet-filter.json"));
        assertThat(FirewallEvaluator.fate(rules, ProbePacket.pingTo(null, VIP, "eth0")).outcome())
                .isEqualTo(Outcome.ACCEPTED);
        assertThat(FirewallEvaluator.fate(rules, ProbePacket.pingTo(null, ip("2001:db8::100"), "eth0")).outcome())
                .as("meta l4proto ipv6-icmp accept").isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void netdevChainsApplyToTheirDevicesFromTheTextListing() {
        String listing = String.join("\n", "table inet filter {", "\tchain input {",
                "\t\ttype filter hook input priority filter; policy drop;", "\t}", "}",
                "table netdev edge {", "\tchain ingress {",
                "\t\ttype filter hook ingress device \"eth1\" priority filter; policy accept;",
                "\t\tip protocol vrrp drop", "\t}", "}", "table netdev two {", "\tchain c {",
                "\t\ttype filter hook ingress devices = { eth2, \"eth3\" } priority 0; policy accept;", "\t}", "}");
        assertThat(NftRules.netdevDevices(listing)).isEqualTo(Map.of("netdev edge ingress", List.of("eth1"),
                "netdev two c", List.of("eth2", "eth3")));
        Ruleset rules = NftRules.parse(resource("nft-inet-filter.json"), NftRules.netdevDevices(listing));
        Fate onEth1 = fate(rules, Direction.RECEIVED, PEER, LOCAL, "eth1");
        assertThat(onEth1.where()).isEqualTo("nft table netdev edge chain ingress: ip protocol == vrrp drop");
        assertThat(fate(rules, Direction.RECEIVED, null, GROUP, "eth1").outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(fate(rules, Direction.RECEIVED, PEER, LOCAL, "eth0").outcome())
                .as("the input chain accepts it; the netdev chain is on eth1").isEqualTo(Outcome.ACCEPTED);
        assertThat(fate(NftRules.parse(resource("nft-inet-filter.json")), Direction.RECEIVED, PEER, LOCAL, "eth0")
                .where()).as("without the device the netdev drop is only possible").contains("does not name");
    }

    @Test
    void anInetIngressChainIsPerDeviceToo() {
        String json = """
                {"nftables": [{"table": {"family": "inet", "name": "t", "handle": 1}},
                 {"chain": {"family": "inet", "table": "t", "name": "early", "handle": 1, "type": "filter",
                   "hook": "ingress", "prio": 0, "policy": "accept"}},
                 {"rule": {"family": "inet", "table": "t", "chain": "early", "handle": 2, "expr": [
                   {"match": {"op": "==", "left": {"meta": {"key": "l4proto"}}, "right": "vrrp"}}, {"drop": null}]}}]}
                """;
        assertThat(fate(NftRules.parse(json), Direction.RECEIVED, PEER, GROUP, "eth0").outcome())
                .as("device unknown").isEqualTo(Outcome.UNDECIDED);
        Ruleset onEth0 = NftRules.parse(json, NftRules.netdevDevices(
                "table inet t {\n\tchain early {\n\t\ttype filter hook ingress device \"eth0\" priority 0;\n\t}\n}"));
        assertThat(fate(onEth0, Direction.RECEIVED, PEER, GROUP, "eth0").outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(fate(onEth0, Direction.RECEIVED, PEER, GROUP, "eth1").outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void iptablesSaveWithPolicyDropAndAUserChain() {
        Ruleset rules = IptablesRules.parse(resource("iptables-save.txt"), "ip");
        assertThat(fate(rules, Direction.RECEIVED, PEER, GROUP, "eth0").outcome()).isEqualTo(Outcome.ACCEPTED);
        Fate stranger = fate(rules, Direction.RECEIVED, STRANGER, GROUP, "eth0");
        assertThat(stranger.outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(stranger.where()).isEqualTo("iptables table filter chain INPUT policy drop");
        Fate sent = fate(rules, Direction.SENT, LOCAL, GROUP, "eth0");
        assertThat(sent.where()).isEqualTo("iptables table filter chain OUTPUT: -A OUTPUT -o eth0 -p vrrp -j DROP");
        assertThat(fate(rules, Direction.SENT, LOCAL, GROUP, "eth1").outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(FirewallEvaluator.fate(rules, ProbePacket.pingTo(null, VIP, "eth0")).outcome())
                .as("-p icmp --icmp-type 8 accepts an echo request").isEqualTo(Outcome.ACCEPTED);
        assertThat(fate(rules, Direction.RECEIVED, PEER, GROUP6, "eth0").outcome())
                .as("iptables never sees IPv6").isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void theIptablesNftListingAgreesWhereItCanJudgeAndIsUndecidedWhereAnXtMatchDecides() {
        Ruleset rules = NftRules.parse(resource("nft-iptables-nft.json"));
        assertThat(fate(rules, Direction.RECEIVED, PEER, GROUP, "eth0").outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(fate(rules, Direction.SENT, LOCAL, GROUP, "eth0").outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(FirewallEvaluator.fate(rules, ProbePacket.pingTo(null, VIP, "eth0")).outcome())
                .as("the icmp type is an xt match nft cannot show").isEqualTo(Outcome.UNDECIDED);
    }

    @Test
    void iptablesNegationsWildcardsStatesAndGotos() {
        String save = String.join("\n",
                "*raw", ":PREROUTING ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", "COMMIT",
                "*filter", ":INPUT ACCEPT [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]", ":blk - [0:0]",
                "-A INPUT ! -i eth+ -j ACCEPT",
                "-A INPUT -m state --state NEW -g blk",
                "-A INPUT -p vrrp -j ACCEPT",
                "-A blk -m set --match-set trusted src -j RETURN",
                "-A blk -j DROP",
                "COMMIT", "");
        Ruleset rules = IptablesRules.parse(save, "ip");
        assertThat(fate(rules, Direction.RECEIVED, PEER, GROUP, "lo").outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(fate(rules, Direction.RECEIVED, PEER, GROUP, "eth0").outcome())
                .as("NEW multicast goes to blk; RETURN from a goto'd chain ends INPUT (policy accept) — or blk drops")
                .isEqualTo(Outcome.UNDECIDED);
    }

    @Test
    void nftPolicyDropWithCtStateOnlyDropsMulticastAdvertsForSure() {
        String json = """
                {"nftables": [{"table": {"family": "inet", "name": "f", "handle": 1}},
                 {"chain": {"family": "inet", "table": "f", "name": "in", "handle": 1, "type": "filter",
                   "hook": "input", "prio": 0, "policy": "drop"}},
                 {"rule": {"family": "inet", "table": "f", "chain": "in", "handle": 2, "expr": [
                   {"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": ["established", "related"]}},
                   {"accept": null}]}},
                 {"rule": {"family": "inet", "table": "f", "chain": "in", "handle": 3, "expr": [
                   {"match": {"op": "!=", "left": {"payload": {"protocol": "ip", "field": "saddr"}},
                     "right": {"prefix": {"addr": "192.0.2.0", "len": 24}}}}, {"drop": null}]}},
                 {"rule": {"family": "inet", "table": "f", "chain": "in", "handle": 4, "expr": [
                   {"match": {"op": "==", "left": {"meta": {"key": "l4proto"}}, "right": {"set": ["tcp", "udp"]}}},
                   {"accept": null}]}}]}
                """;
        Ruleset rules = NftRules.parse(json);
        assertThat(fate(rules, Direction.RECEIVED, PEER, GROUP, "eth0").where())
                .isEqualTo("nft table inet f chain in policy drop");
        assertThat(fate(rules, Direction.RECEIVED, ip("198.51.100.7"), GROUP, "eth0").where())
                .isEqualTo("nft table inet f chain in: ip saddr != 192.0.2.0/24 drop");
        assertThat(fate(rules, Direction.RECEIVED, PEER, LOCAL, "eth0").outcome())
                .as("a unicast advert may be 'established' once both peers have sent").isEqualTo(Outcome.UNDECIDED);
        assertThat(fate(rules, Direction.RECEIVED, ip("2001:db8::12"), GROUP6, "eth0").where())
                .as("ip saddr does not apply to IPv6, even negated").isEqualTo("nft table inet f chain in policy drop");
    }

    @Test
    void badInputGivesAClearError() {
        assertThatThrownBy(() -> NftRules.parse("{\"tables\": []}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nftables");
        assertThatThrownBy(() -> NftRules.parse("{\"nftables\": [")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON");
        assertThat(IptablesRules.parse("garbage\n-A X\n*filter\n-A INPUT -j\nCOMMIT\n", "ip").chains()).isEmpty();
    }

    private static Fate fate(Ruleset rules, Direction direction, InetAddress source, InetAddress destination, String iface) {
        return FirewallEvaluator.fate(rules, ProbePacket.vrrp(direction, source, destination, iface));
    }

    static String resource(String name) {
        try (InputStream in = FirewallRulesTest.class.getResourceAsStream("/doctor/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource doctor/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
