package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.jkeepalived.netlink.rtm.AddressEntry;
import org.jkeepalived.netlink.rtm.LinkEntry;
import org.jkeepalived.netlink.rtm.Rtnl;
import org.jkeepalived.vrrp.port.LinkInfo;
import org.junit.jupiter.api.Test;

class KernelStateTest {
    private static final int UP_RUNNING = Rtnl.IFF_UP | Rtnl.IFF_RUNNING;
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};

    private static AddressEntry address(int index, String ip, int prefix, int flags) throws Exception {
        InetAddress address = InetAddress.getByName(ip);
        return new AddressEntry(address.getAddress().length == 4 ? Rtnl.AF_INET : Rtnl.AF_INET6, index, address,
            prefix, 0, flags, null, null);
    }

    @Test
    void advertSourcesSkipSecondaryAndDeprecatedAddresses() throws Exception {
        KernelState state = new KernelState();
        state.reset(List.of(new LinkEntry(2, "eth0", MAC, UP_RUNNING, 1500, Rtnl.IF_OPER_UP, null, 0, 0)), List.of(
            address(2, "fe80::1:52", 128, Rtnl.IFA_F_NODAD | Rtnl.IFA_F_DEPRECATED), // a /128 VIP
            address(2, "198.51.100.9", 24, 0x01),                                   // secondary
            address(2, "198.51.100.1", 24, 0),
            address(2, "fe80::1", 64, 0)));
        LinkInfo link = state.link("eth0").orElseThrow();
        assertThat(link.primaryIpv4().getHostAddress()).isEqualTo("198.51.100.1");
        assertThat(link.linkLocalIpv6().getHostAddress()).isEqualTo("fe80:0:0:0:0:0:0:1");
        assertThat(link.up()).isTrue();
        assertThat(link.running()).isTrue();
        assertThat(link.index()).isEqualTo(2);
    }

    @Test
    void eventsUpdateTheStateAndDeletionForgetsTheLink() throws Exception {
        KernelState state = new KernelState();
        state.reset(List.of(), List.of());
        state.putLink(new LinkEntry(3, "eth1", MAC, Rtnl.IFF_UP, 1500, 0, null, 0, 0));
        assertThat(state.link("eth1").orElseThrow().running()).isFalse();
        state.addAddress(address(3, "192.0.2.1", 32, 0));
        state.addAddress(address(3, "192.0.2.1", 32, 0)); // a repeated RTM_NEWADDR is not a second address
        assertThat(state.addressesOf(3)).hasSize(1);
        state.removeAddress(address(3, "192.0.2.1", 32, 0));
        assertThat(state.link("eth1").orElseThrow().primaryIpv4()).isNull();
        assertThat(state.nameOf(3)).isEqualTo("eth1");
        state.removeLink(3);
        assertThat(state.link("eth1")).isEmpty();
        assertThat(state.nameOf(3)).isEqualTo("if3");
    }
}
