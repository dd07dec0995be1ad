package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link LinuxInterfacePort} against the kernel in test namespaces: ICMP suppression, use_vmac
 * macvlans, multicast membership, capture that survives its interface going down/up and being
 * deleted and re-created, routes, rules and neighbour resolution.
 */
class PortNamespaceTest {
    private static final String UNREACHABLE = "icmp.type == 3 && icmp.code == 2";

    @Test
    void unicastAdvertsDrawIcmpUnreachableOnlyWithoutThePortsRawSocket() throws Exception {
        try (TwoNamespaces pair = TwoNamespaces.create("nlt-icmp");
             Capture capture = new Capture(pair.a, "vethA", WireTsharkTest.WIRE_FILTER);
             ChildJvm sender = new ChildJvm(pair.b.name, PortAgent.class, "quiet")) {
            sender.await("READY"::equals, 20_000, "sender start");
            // control: nothing in namespace a holds protocol 112, so the kernel answers with ICMP
            sender.call("advert vethB v2 20 100 unicast 198.51.100.1 vips 192.0.2.20", 10_000);
            capture.awaitPackets(UNREACHABLE, 1, 10_000);
            long before = capture.count(UNREACHABLE);
            try (ChildJvm receiver = new ChildJvm(pair.a.name, PortAgent.class, "quiet")) {
                receiver.await("READY"::equals, 20_000, "receiver start");
                receiver.call("listen vethA", 5_000);
                sender.call("advert vethB v2 20 100 unicast 198.51.100.1 vips 192.0.2.20 count 5", 10_000);
                for (int i = 0; i < 5; i++) {
                    receiver.await(l -> l.contains("FrameReceived vethA check=VALID v=2 vrid=20"), 5_000, "advert " + i);
                }
                capture.awaitPackets("vrrp && !icmp && ip.dst == 198.51.100.1", 6, 5_000);
                assertThat(capture.count(UNREACHABLE)).isEqualTo(before);
            }
        }
    }

    @Test
    void unicastIpv6AdvertsDrawNoParameterProblemWhileThePortIsOpen() throws Exception {
        String parameterProblem = "icmpv6.type == 4";
        try (TwoNamespaces pair = TwoNamespaces.create("nlt-icmp6");
             Capture capture = new Capture(pair.a, "vethA", WireTsharkTest.WIRE_FILTER);
             ChildJvm sender = new ChildJvm(pair.b.name, PortAgent.class, "quiet")) {
            pair.a.ip("addr", "add", "2001:db8:ffff::1/64", "dev", "vethA", "nodad");
            pair.b.ip("addr", "add", "2001:db8:ffff::2/64", "dev", "vethB", "nodad");
            sender.await("READY"::equals, 20_000, "sender start");
            // control: no protocol-112 socket in namespace a, so the kernel answers with ICMPv6
            sender.call("advert vethB v6 21 100 unicast 2001:db8:ffff::1 vips 2001:db8::21", 10_000);
            capture.awaitPackets(parameterProblem, 1, 10_000);
            long before = capture.count(parameterProblem);
            try (ChildJvm receiver = new ChildJvm(pair.a.name, PortAgent.class, "quiet")) {
                receiver.await("READY"::equals, 20_000, "receiver start");
                receiver.call("listen vethA", 5_000);
                sender.call("advert vethB v6 21 100 unicast 2001:db8:ffff::1 vips 2001:db8::21 count 5", 10_000);
                for (int i = 0; i < 5; i++) {
                    receiver.await(l -> l.contains("FrameReceived vethA check=VALID v=3 vrid=21"), 5_000, "advert " + i);
                }
                capture.awaitPackets("vrrp && !icmpv6 && ipv6.dst == 2001:db8:ffff::1", 6, 5_000);
                assertThat(capture.count(parameterProblem)).isEqualTo(before);
            }
        }
    }

    @Test
    void vmacIsAPrivateMacvlanWithTheVirtualMacAndKeepalivedsSysctls() throws Exception {
        try (TwoNamespaces pair = TwoNamespaces.create("nlt-vmac");
             Capture capture = new Capture(pair.b, "vethB", WireTsharkTest.WIRE_FILTER)) {
            // a leftover from an earlier run, which the port must remove at start
            pair.a.ip("link", "add", "link", "vethA", "name", "vrrp.72", "address", "00:00:5e:00:01:48",
                "type", "macvlan", "mode", "private");
            try (ChildJvm agent = new ChildJvm(pair.a.name, PortAgent.class, "quiet")) {
                agent.await("READY"::equals, 20_000, "agent start");
                assertThat(agent.call("leftovers vrrp", 5_000)).isEqualTo("OK vrrp.72");
                assertThat(pair.a.ip("link", "show")).doesNotContain("vrrp.72");

                agent.call("vmac vrrp.71 vethA 71 4", 10_000);
                String link = pair.a.ip("-d", "link", "show", "dev", "vrrp.71");
                assertThat(link).contains("link/ether 00:00:5e:00:01:47").contains("macvlan mode private")
                    .contains("addrgenmode none").contains("vrrp.71@vethA").contains(",UP");
                // no link-local derived from the virtual MAC
                assertThat(pair.a.ip("-6", "addr", "show", "dev", "vrrp.71")).doesNotContain("inet6");
                assertThat(pair.a.sysctl("net/ipv4/conf/vrrp.71/arp_ignore")).isEqualTo("1");
                assertThat(pair.a.sysctl("net/ipv4/conf/vrrp.71/accept_local")).isEqualTo("1");
                assertThat(pair.a.sysctl("net/ipv4/conf/vrrp.71/rp_filter")).isEqualTo("0");
                assertThat(pair.a.sysctl("net/ipv4/conf/vrrp.71/promote_secondaries")).isEqualTo("1");
                assertThat(pair.a.sysctl("net/ipv4/conf/vethA/arp_ignore")).isEqualTo("1");
                assertThat(pair.a.sysctl("net/ipv4/conf/vethA/arp_filter")).isEqualTo("1");

                // adverts leave from the vMAC (source address: the parent's primary, as keepalived's)
                agent.call("add 198.51.100.71/24 dev vrrp.71", 5_000);
                agent.call("advert vrrp.71 v2 71 200 vips 192.0.2.71", 5_000);
                agent.call("garp vrrp.71 192.0.2.71", 5_000);
                capture.awaitPackets("vrrp.virt_rtr_id == 71", 1, 10_000);
                capture.awaitPackets("arp.src.proto_ipv4 == 192.0.2.71", 1, 10_000);
                assertThat(capture.decode("vrrp.virt_rtr_id == 71")).contains("Source: 00:00:5e:00:01:47")
                    .contains("[Checksum Status: Good]");
                assertThat(capture.decode("arp.src.proto_ipv4 == 192.0.2.71"))
                    .contains("Sender MAC address: 00:00:5e:00:01:47");

                agent.call("vmac vrrp6.73 vethA 73 6", 10_000);
                assertThat(pair.a.ip("-d", "link", "show", "dev", "vrrp6.73")).contains("link/ether 00:00:5e:00:02:49");
                agent.call("delvmac vrrp6.73", 5_000);
                assertThat(pair.a.ip("link", "show")).doesNotContain("vrrp6.73");
            }
            // closing the port (stop) removed the VMAC it created and restored the parent's sysctls
            Poll.until(() -> !pair.a.ip("link", "show").contains("vrrp.71"), 10_000, "vrrp.71 removed at stop");
            assertThat(pair.a.sysctl("net/ipv4/conf/vethA/arp_ignore")).isEqualTo("0");
            assertThat(pair.a.sysctl("net/ipv4/conf/vethA/arp_filter")).isEqualTo("0");
        }
    }

    @Test
    void listeningJoinsTheVrrpGroupsAndSurvivesDownUpAndRecreation() throws Exception {
        try (TwoNamespaces pair = TwoNamespaces.create("nlt-rs");
             ChildJvm receiver = new ChildJvm(pair.a.name, PortAgent.class, "quiet");
             ChildJvm sender = new ChildJvm(pair.b.name, PortAgent.class, "quiet")) {
            receiver.await("READY"::equals, 20_000, "receiver start");
            sender.await("READY"::equals, 20_000, "sender start");
            receiver.call("listen vethA", 5_000);
            // /proc/net/igmp prints 224.0.0.18 as 120000E0; /proc/net/igmp6 prints ff02::12 in full
            Poll.until(() -> pair.a.exec("cat", "/proc/net/igmp").contains("120000E0"), 5_000, "224.0.0.18 joined");
            Poll.until(() -> pair.a.exec("cat", "/proc/net/igmp6").contains("ff020000000000000000000000000012"),
                5_000, "ff02::12 joined");
            expectAdvertsArrive(sender, receiver, 30);

            pair.a.ip("link", "set", "vethA", "down");
            receiver.await(l -> l.contains("LinkChanged name=vethA") && l.contains("up=false"), 5_000, "vethA down");
            pair.a.ip("link", "set", "vethA", "up");
            receiver.await(l -> l.contains("LinkChanged name=vethA") && l.contains("running=true"), 10_000, "vethA running");
            expectAdvertsArrive(sender, receiver, 31);

            pair.a.ip("link", "del", "vethA");
            receiver.await(l -> l.contains("LinkDeleted[device=vethA"), 5_000, "vethA deleted");
            pair.connect();
            receiver.await(l -> l.contains("LinkChanged name=vethA") && l.contains("running=true"), 10_000, "new vethA");
            expectAdvertsArrive(sender, receiver, 32);
            Poll.until(() -> pair.a.exec("cat", "/proc/net/igmp").contains("120000E0"), 5_000, "224.0.0.18 re-joined");
            assertThat(receiver.call("reopens vethA", 5_000)).isNotEqualTo("OK 0");
        }
    }

    /** Sends adverts with VRID {@code vrid} until one arrives (the capture may still be reopening). */
    private static void expectAdvertsArrive(ChildJvm sender, ChildJvm receiver, int vrid) throws Exception {
        String wanted = "FrameReceived vethA check=VALID v=2 vrid=" + vrid + " ";
        Poll.until(() -> {
            sender.call("advert vethB v2 " + vrid + " 100 vips 192.0.2." + vrid, 5_000);
            try {
                receiver.await(l -> l.contains(wanted), 200, "advert vrid " + vrid);
                return true;
            } catch (java.io.IOException notYet) {
                return false;
            }
        }, 10_000, "adverts with VRID " + vrid + " to arrive");
    }

    @Test
    void routesRulesAndNeighbourResolution() throws Exception {
        try (TwoNamespaces pair = TwoNamespaces.create("nlt-rt");
             ChildJvm agent = new ChildJvm(pair.a.name, PortAgent.class, "quiet")) {
            agent.await("READY"::equals, 20_000, "agent start");
            agent.call("route add 203.0.113.0/24 via 198.51.100.2 dev vethA table 100", 5_000);
            agent.call("route add 192.0.2.128/25 dev vethA", 5_000);
            assertThat(pair.a.ip("route", "show", "table", "100")).contains("203.0.113.0/24 via 198.51.100.2 dev vethA");
            assertThat(pair.a.ip("route", "show")).contains("192.0.2.128/25 dev vethA scope link");
            agent.call("rule add from 192.0.2.0/24 table 100 pref 1000", 5_000);
            agent.call("rule add from 192.0.2.0/24 table 100 pref 1000", 5_000); // exists: not an error
            assertThat(pair.a.ip("rule", "show")).contains("1000:\tfrom 192.0.2.0/24 lookup 100");

            // on-link peer: the kernel resolves it when asked, and we read the MAC back
            String peerMac = pair.b.ip("link", "show", "dev", "vethB").split("link/ether ")[1].substring(0, 17);
            assertThat(agent.call("resolve vethA 198.51.100.2", 5_000)).isIn("OK unresolved", "OK " + peerMac);
            Poll.until(() -> agent.call("resolve vethA 198.51.100.2", 5_000).equals("OK " + peerMac), 5_000,
                "198.51.100.2 resolved");
            // off-link peer: reached through its route's gateway, so its MAC is the gateway's
            agent.call("route add 203.0.113.0/24 via 198.51.100.2 dev vethA", 5_000);
            assertThat(agent.call("resolve vethA 203.0.113.9", 5_000)).isEqualTo("OK " + peerMac);

            agent.call("rule del from 192.0.2.0/24 table 100 pref 1000", 5_000);
            agent.call("rule del from 192.0.2.0/24 table 100 pref 1000", 5_000); // gone: not an error
            agent.call("route del 203.0.113.0/24 via 198.51.100.2 dev vethA table 100", 5_000);
            agent.call("route del 192.0.2.128/25 dev vethA", 5_000);
            assertThat(pair.a.ip("rule", "show")).doesNotContain("lookup 100");
            assertThat(pair.a.ip("route", "show", "table", "100")).doesNotContain("203.0.113.0");
            assertThat(pair.a.ip("route", "show")).doesNotContain("192.0.2.128/25");
        }
    }
}
