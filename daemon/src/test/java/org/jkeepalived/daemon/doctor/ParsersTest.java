package org.jkeepalived.daemon.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The small readers the doctor uses on the live host: nginx listen directives, /proc/net socket,
 * IGMP and raw-socket tables (samples taken from a test namespace), ARP frames and JSON.
 */
class ParsersTest {

    @Test
    void nginxListensBoundToAnAddressAreFound() {
        String dump = String.join("\n", "# configuration file /etc/nginx/nginx.conf:",
                "http {", "  server {", "    listen 192.0.2.100:80 reuseport;", "    listen 80;",
                "    listen [2001:db8::100]:443 ssl;", "    # listen 192.0.2.101:80;", "    listen *:8080;",
                "    listen 0.0.0.0:81;", "    listen unix:/run/x.sock;", "    listen 192.0.2.102;",
                "    listen localhost:82;", "  }", "}");
        assertThat(Listeners.nginxListens(dump, "nginx"))
                .extracting(l -> l.address().getHostAddress() + " " + l.port())
                .containsExactly("192.0.2.100 80", "2001:db8:0:0:0:0:0:100 443", "192.0.2.102 80");
    }

    @Test
    void procNetTablesGiveListeningTcpAndBoundUdpSockets() {
        List<String> tcp = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 6400020A:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1234 1",
                "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1235 1",
                "   2: 6400020A:0050 0B00020A:C350 01 00000000:00000000 00:00000000 00000000     0        0 1236 1");
        assertThat(Listeners.procNet(tcp, true)).extracting(l -> l.address().getHostAddress() + ":" + l.port() + " "
                + l.source()).containsExactly("10.2.0.100:80 inode 1234");
        List<String> tcp6 = List.of("header",
                "   0: B80D0120000000000000000000010000:01BB 00000000000000000000000000000000:0000 0A 0 0 0 0 0 77 1");
        assertThat(Listeners.procNet(tcp6, true)).extracting(l -> l.address().getHostAddress())
                .containsExactly("2001:db8:0:0:0:0:0:100");
    }

    @Test
    void igmpTablesAndRawSockets() {
        List<String> igmp = List.of("Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter",
                "1\tlo        :     1      V3", "\t\t\t\t010000E0     1 0:00000000\t\t0",
                "3\teth0      :     2      V3", "\t\t\t\t120000E0     1 0:00000000\t\t0",
                "\t\t\t\t010000E0     1 0:00000000\t\t0", "4\teth1      :     1      V3",
                "\t\t\t\t010000E0     1 0:00000000\t\t0");
        Map<String, Set<String>> groups = Multicast.igmpGroups(igmp);
        assertThat(groups.get("eth0")).contains(Multicast.VRRP_GROUP_IGMP);
        assertThat(groups.get("eth1")).doesNotContain(Multicast.VRRP_GROUP_IGMP);
        List<String> igmp6 = List.of("1    lo              ff020000000000000000000000000001     1 0000000C 0",
                "3    eth0            ff020000000000000000000000000012     1 00000004 0");
        assertThat(Multicast.igmp6Groups(igmp6).get("eth0")).contains(Multicast.VRRP_GROUP_IGMP6);
        List<String> raw = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref",
                " 134: 00000000:0070 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 11674902 2");
        assertThat(Multicast.vrrpSocketOpen(raw)).isTrue();
        assertThat(Multicast.vrrpSocketOpen(List.of(raw.get(0),
                "   1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1 2")))
                .as("an ICMP raw socket is not a VRRP daemon").isFalse();
    }

    @Test
    void arpProbeAndReplyFrames() throws Exception {
        byte[] mac = HexFormat.of().parseHex("020000000001");
        byte[] probe = ArpFrames.request(mac, InetAddress.getByName("192.0.2.11"), InetAddress.getByName("192.0.2.100"));
        assertThat(HexFormat.of().formatHex(probe, 0, 42)).isEqualTo(
                "ffffffffffff" + "020000000001" + "0806"          // broadcast, from us, ARP
                        + "0001" + "0800" + "06" + "04" + "0001"   // Ethernet/IPv4, request
                        + "020000000001" + "c000020b"            // sender MAC, 192.0.2.11
                        + "000000000000" + "c0000264");          // target MAC unknown, 192.0.2.100
        assertThat(probe).hasSize(60);
        byte[] reply = probe.clone();
        reply[21] = 2;
        System.arraycopy(HexFormat.of().parseHex("0200000000aa"), 0, reply, 22, 6);
        System.arraycopy(InetAddress.getByName("192.0.2.100").getAddress(), 0, reply, 28, 4);
        ArpFrames.Reply r = ArpFrames.reply(reply).orElseThrow();
        assertThat(r.address().getHostAddress()).isEqualTo("192.0.2.100");
        assertThat(HexFormat.of().formatHex(r.mac())).isEqualTo("0200000000aa");
        assertThat(ArpFrames.reply(probe)).as("a request is not a reply").isEmpty();
        assertThat(ArpFrames.reply(new byte[10])).isEmpty();
        assertThatThrownBy(() -> ArpFrames.request(mac, null, InetAddress.getByName("2001:db8::1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonReadsNftOutputAndQuotesOurs() {
        Object v = Json.parse("{\"a\": [1, 2.5, \"x\\\"y\\u0041\", true, false, null, {}], \"b\": -3}");
        assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 2.5, "x\"yA", true, false, null, Map.of()),
                "b", -3L));
        assertThat(Json.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
        assertThatThrownBy(() -> Json.parse("[1,")).hasMessageContaining("offset");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.parse("[".repeat(100))).hasMessageContaining("nested");
    }
}
