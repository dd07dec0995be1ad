package org.jkeepalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.vrrp.port.LinkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which instances keepalived 2.2.7 holds in FAULT for want of an IPv6 link-local address on
 * their interface (IPv6 disabled there), on configurations read by the real parser.
 */
class SourceAddressGateTest {
    @TempDir
    Path dir;

    private VrrpInstance parse(String extra, String vip) throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 9\n  priority 100\n"
                + extra + "  virtual_ipaddress {\n    " + vip + "\n  }\n}\n");
        ParseOptions options = new ParseOptions("lb1", false, HostInterfaces.of(Map.of("eth0", List.of("192.0.2.1/24"))),
                ScriptEnvironment.system(), dir);
        return ConfigParser.parse(conf, options).config().vrrpInstances().get(0);
    }

    private static Optional<LinkInfo> link(String linkLocal) throws IOException {
        Inet6Address v6 = linkLocal == null ? null : (Inet6Address) InetAddress.getByName(linkLocal);
        return Optional.of(new LinkInfo("eth0", 2, new byte[6], 1500, true, true,
                (Inet4Address) InetAddress.getByName("192.0.2.1"), v6));
    }

    @Test
    void anIpv6InstanceNeedsTheInterfacesLinkLocalAddress() throws IOException {
        VrrpInstance v6 = parse("", "2001:db8::100/64");
        assertThat(SourceAddressGate.needsLinkLocal(v6)).isTrue();
        assertThat(SourceAddressGate.ready(v6, link(null))).isFalse();
        assertThat(SourceAddressGate.ready(v6, Optional.empty())).isFalse();
        assertThat(SourceAddressGate.ready(v6, link("fe80::1"))).isTrue();
    }

    @Test
    void ipv4AndConfiguredSourcesAreNotGated() throws IOException {
        VrrpInstance v4 = parse("", "192.0.2.100/24");
        assertThat(SourceAddressGate.ready(v4, link(null))).isTrue();
        VrrpInstance unicast = parse("  unicast_src_ip 2001:db8::1\n  unicast_peer {\n    2001:db8::2\n  }\n",
                "2001:db8::100/64");
        assertThat(SourceAddressGate.needsLinkLocal(unicast)).isFalse();
        assertThat(SourceAddressGate.ready(unicast, link(null))).isTrue();
    }
}
