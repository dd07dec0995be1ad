package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Real keepalived 2.2.7 next door: it accepts the adverts we send (its BACKUP instances stay
 * BACKUP under our higher priority, with no "bogus", "invalid" or checksum complaints in its
 * detailed log), and we decode every advert its MASTER instances send, multicast and unicast,
 * with no ICMP error on the wire.
 */
class KeepalivedInteropTest {

    static final String CONFIG = """
        global_defs {
          router_id peer
        }
        vrrp_instance RX_V2 {
          state BACKUP
          interface vethB
          virtual_router_id 51
          priority 100
          advert_int 1
          authentication {
            auth_type PASS
            auth_pass secret
          }
          virtual_ipaddress {
            192.0.2.51
          }
        }
        vrrp_instance RX_V3 {
          state BACKUP
          version 3
          interface vethB
          virtual_router_id 52
          priority 100
          advert_int 1
          virtual_ipaddress {
            192.0.2.52
          }
        }
        vrrp_instance RX_V6 {
          state BACKUP
          interface vethB
          virtual_router_id 53
          priority 100
          advert_int 1
          virtual_ipaddress {
            2001:db8::53
          }
        }
        vrrp_instance RX_UNI {
          state BACKUP
          interface vethB
          virtual_router_id 54
          priority 100
          advert_int 1
          unicast_src_ip 198.51.100.2
          unicast_peer {
            198.51.100.1
          }
          virtual_ipaddress {
            192.0.2.54
          }
        }
        vrrp_instance TX_V2 {
          state MASTER
          interface vethB
          virtual_router_id 61
          priority 150
          advert_int 1
          authentication {
            auth_type PASS
            auth_pass other
          }
          virtual_ipaddress {
            192.0.2.61
          }
        }
        vrrp_instance TX_V3 {
          state MASTER
          version 3
          interface vethB
          virtual_router_id 62
          priority 150
          advert_int 1
          virtual_ipaddress {
            192.0.2.62
          }
        }
        vrrp_instance TX_V6 {
          state MASTER
          interface vethB
          virtual_router_id 63
          priority 150
          advert_int 1
          virtual_ipaddress {
            2001:db8::63
          }
        }
        vrrp_instance TX_UNI {
          state MASTER
          interface vethB
          virtual_router_id 64
          priority 150
          advert_int 1
          unicast_src_ip 198.51.100.2
          unicast_peer {
            198.51.100.1
          }
          virtual_ipaddress {
            192.0.2.64
          }
        }
        """;

    private static final List<String> OUR_ADVERTS = List.of(
        "advert vethA v2 51 200 pass secret vips 192.0.2.51",
        "advert vethA v3 52 200 vips 192.0.2.52",
        "advert vethA v6 53 200 vips 2001:db8::53",
        "advert vethA v2 54 200 unicast 198.51.100.2 vips 192.0.2.54");

    @Test
    void keepalivedAcceptsOursAndWeDecodeAllOfItsAdverts() throws Exception {
        try (TwoNamespaces pair = TwoNamespaces.create("nlt-ka");
             Capture capture = new Capture(pair.b, "vethB", WireTsharkTest.WIRE_FILTER);
             ChildJvm agent = new ChildJvm(pair.a.name, PortAgent.class, "quiet")) {
            agent.await("READY"::equals, 20_000, "agent start");
            agent.call("listen vethA", 5_000);
            try (Keepalived keepalived = new Keepalived(pair.b, CONFIG)) {
                keepalived.awaitLog("(RX_V2) Entering BACKUP STATE", 10_000);
                // be the master keepalived's BACKUP instances hear: adverts every 300 ms for ~6 s,
                // well inside their 3.6 s master-down interval (pacing traffic, not synchronising)
                for (int round = 0; round < 20; round++) {
                    for (String advert : OUR_ADVERTS) {
                        agent.call(advert, 10_000);
                    }
                    Thread.sleep(300);
                }
                for (int vrid = 61; vrid <= 64; vrid++) {
                    String wanted = "check=VALID v=" + (vrid == 62 || vrid == 63 ? 3 : 2) + " vrid=" + vrid + " prio=150";
                    agent.await(l -> l.contains("FrameReceived vethA " + wanted), 10_000, "keepalived advert " + wanted);
                    agent.await(l -> l.contains("FrameReceived vethA " + wanted), 5_000, "second keepalived advert " + wanted);
                }
                String log = keepalived.log();
                System.out.println(log);
                for (String instance : List.of("RX_V2", "RX_V3", "RX_V6", "RX_UNI")) {
                    assertThat(log).contains("(" + instance + ") Entering BACKUP STATE")
                        .doesNotContain("(" + instance + ") Entering MASTER STATE");
                }
                for (String instance : List.of("TX_V2", "TX_V3", "TX_V6", "TX_UNI")) {
                    assertThat(log).contains("(" + instance + ") Entering MASTER STATE");
                }
                assertThat(Pattern.compile("(?i)bogus|invalid|checksum").matcher(log).find())
                    .as("keepalived complained:\n" + log).isFalse();
            }
            assertThat(agent.transcript()).filteredOn(l -> l.contains("FrameReceived"))
                .allMatch(l -> l.contains("check=VALID"));
            // unicast adverts both ways drew no ICMP error from either side
            assertThat(capture.count("icmp.type == 3 || icmpv6.type == 4 || icmpv6.type == 1")).isZero();
            assertThat(capture.count("vrrp && ip.src == 198.51.100.2 && ip.dst == 198.51.100.1")).isPositive();
        }
    }
}
