package org.jkeepalived.daemon.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JKA012 names IPv6 being off on the interface, rather than a missing ff02::12 join, when it is. */
class MembershipIpv6OffTest {
    @TempDir
    Path dir;

    private KeepalivedConfig config() throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, "vrrp_instance VI_6 {\n  interface eth0\n  virtual_router_id 9\n  priority 100\n"
                + "  virtual_ipaddress {\n    2001:db8::100/64\n  }\n}\n"
                + "vrrp_instance VI_4 {\n  interface eth0\n  virtual_router_id 10\n  priority 100\n"
                + "  virtual_ipaddress {\n    192.0.2.100/24\n  }\n}\n");
        ParseOptions options = new ParseOptions("lb1", false, HostInterfaces.of(Map.of("eth0", List.of("192.0.2.1/24"))),
                ScriptEnvironment.system(), dir);
        return ConfigParser.parse(conf, options).config();
    }

    @Test
    void ipv6OffIsTheReasonGivenForAnIpv6Instance() throws IOException {
        Map<String, Set<String>> igmp = Map.of("eth0", Set.of(Multicast.VRRP_GROUP_IGMP));
        List<Finding> findings = SegmentCheck.membership(config(), igmp, Map.of(), true, "eth0"::equals);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("VI_6");
            assertThat(f.message()).contains("IPv6 is turned off on eth0", "stays in FAULT");
            assertThat(f.fix()).contains("net.ipv6.conf.eth0.disable_ipv6=0");
        });
    }

    @Test
    void withIpv6OnAMissingJoinIsReportedAsBefore() throws IOException {
        Map<String, Set<String>> igmp = Map.of("eth0", Set.of(Multicast.VRRP_GROUP_IGMP));
        List<Finding> findings = SegmentCheck.membership(config(), igmp, Map.of(), true);
        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.message()).contains("ff02::12 is not joined on eth0"));
    }
}
