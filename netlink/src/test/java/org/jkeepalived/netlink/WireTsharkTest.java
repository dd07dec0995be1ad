package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames sent through {@link LinuxInterfacePort} (adverts built by the core's encoder, GARP and
 * NA) as tshark decodes them on the peer's side of a veth pair.
 */
class WireTsharkTest {
    static final String WIRE_FILTER = "ip proto 112 or ip6 proto 112 or arp or icmp or icmp6";
    /** VRRP itself, not VRRP quoted inside an ICMP error. */
    static final String VRRP_ONLY = "vrrp && !icmp && !icmpv6";

    /** tshark -V output split into one block per frame. */
    static List<String> frames(String decode) {
        return Arrays.stream(decode.split("(?m)^(?=Frame \\d+:)")).filter(b -> b.startsWith("Frame ")).toList();
    }

    static String only(List<String> frames, String containing) {
        List<String> matching = frames.stream().filter(f -> f.contains(containing)).toList();
        assertThat(matching).as("frames containing " + containing).hasSize(1);
        return matching.get(0);
    }

    @Test
    void tsharkDecodesOurAdvertsGarpAndNaAsValid() throws Exception {
        try (TwoNamespaces pair = TwoNamespaces.create("nlt-ts");
             Capture capture = new Capture(pair.b, "vethB", WIRE_FILTER);
             ChildJvm agent = new ChildJvm(pair.a.name, PortAgent.class)) {
            agent.await("READY"::equals, 20_000, "agent start");
            agent.call("advert vethA v2 10 200 vips 192.0.2.10 count 2", 5_000);
            agent.call("advert vethA v3 11 201 vips 192.0.2.11,192.0.2.12", 5_000);
            agent.call("advert vethA v6 12 202 vips 2001:db8::12", 5_000);
            agent.call("advert vethA v2 13 203 pass secret vips 192.0.2.13", 5_000);
            agent.call("advert vethA v2 14 204 unicast 198.51.100.2 vips 192.0.2.14", 10_000);
            agent.call("advert vethA v3 15 205 unicast 198.51.100.2 vips 192.0.2.15", 10_000);
            agent.call("garp vethA 192.0.2.10", 5_000);
            agent.call("na vethA 2001:db8::12", 5_000);
            capture.awaitPackets(VRRP_ONLY, 7, 10_000);
            capture.awaitPackets("arp.isgratuitous == 1 || (arp.src.proto_ipv4 == 192.0.2.10)", 1, 10_000);
            capture.awaitPackets("icmpv6.type == 136", 1, 10_000);

            List<String> vrrp = frames(capture.decode(VRRP_ONLY));
            System.out.println(String.join("\n", vrrp));
            assertThat(vrrp).hasSize(7);
            for (String frame : vrrp) {
                assertThat(frame).contains("Virtual Router Redundancy Protocol")
                    .containsPattern("\\[Checksum Status: Good\\]")
                    .doesNotContainIgnoringCase("malformed")
                    .doesNotContainIgnoringCase("bad")
                    .doesNotContainIgnoringCase("incorrect");
            }
            List<String> v2 = vrrp.stream().filter(f -> f.contains("Virtual Rtr ID: 10")).toList();
            assertThat(v2).hasSize(2);
            for (String frame : v2) {
                assertThat(frame).contains("Version 2, Packet type 1 (Advertisement)").contains("Time to Live: 255")
                    .contains("Differentiated Services Field: 0xc0")
                    .contains("Destination: 01:00:5e:00:00:12")
                    .contains(".0.. .... = Don't fragment: Not set")
                    .contains("[Header checksum status: Good]")
                    .contains("Priority: 200").contains("IP Address: 192.0.2.10");
            }
            // the IPv4 id increments per packet, as the kernel numbers keepalived's
            assertThat(v2.get(0)).contains("Identification: 0x0001 (1)");
            assertThat(v2.get(1)).contains("Identification: 0x0002 (2)");
            String v3 = only(vrrp, "Virtual Rtr ID: 11");
            assertThat(v3).contains("Version 3, Packet type 1 (Advertisement)").contains("Priority: 201").contains("Addr Count: 2");
            String v6 = only(vrrp, "Virtual Rtr ID: 12");
            assertThat(v6).contains("Version 3, Packet type 1 (Advertisement)").contains("Internet Protocol Version 6")
                .contains("Hop Limit: 255").contains("Traffic Class: 0xc0")
                .contains("Destination: 33:33:00:00:00:12").contains("ff02::12");
            String pass = only(vrrp, "Virtual Rtr ID: 13");
            assertThat(pass).contains("Auth Type: Simple Text Authentication").contains("Authentication String: secret");
            String unicastV2 = only(vrrp, "Virtual Rtr ID: 14");
            assertThat(unicastV2).contains("Destination Address: 198.51.100.2");
            String unicastV3 = only(vrrp, "Virtual Rtr ID: 15");
            assertThat(unicastV3).contains("Destination Address: 198.51.100.2");

            String garp = String.join("\n", frames(capture.decode("arp.src.proto_ipv4 == 192.0.2.10")));
            System.out.println(garp);
            assertThat(garp).contains("Is gratuitous: True").contains("Opcode: request (1)")
                .contains("Destination: ff:ff:ff:ff:ff:ff").doesNotContainIgnoringCase("malformed");
            String na = String.join("\n", frames(capture.decode("icmpv6.type == 136")));
            System.out.println(na);
            assertThat(na).contains("Neighbor Advertisement").contains("Target Address: 2001:db8::12")
                .contains("[Checksum Status: Good]").contains("Hop Limit: 255")
                .doesNotContainIgnoringCase("malformed");
        }
    }
}
