package org.jkeepalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's VIP text in its dumps ({@code format_ipaddress}), lines seen in its dumps. */
class InstanceDumpsTest {

    private static VirtualAddress vip(String address, int prefix, int scope, boolean deprecated) throws Exception {
        return new VirtualAddress(InetAddress.getByName(address), prefix, "eth0", null, null, null, scope, true,
                deprecated);
    }

    @Test
    void ipv4VipAsKeepalivedPrintsIt() throws Exception {
        assertThat(InstanceDumps.vipText(vip("192.0.2.100", 24, 0, false), true))
                .isEqualTo("192.0.2.100/24 dev eth0 scope global set");
        assertThat(InstanceDumps.vipText(vip("192.0.2.100", 32, 0, false), false))
                .isEqualTo("192.0.2.100 dev eth0 scope global");
    }

    @Test
    void ipv6VipIsCompressedAndCarriesItsLifetime() throws Exception {
        assertThat(InstanceDumps.vipText(vip("2001:db8:0:0:0:0:0:100", 64, 0, false), false))
                .isEqualTo("2001:db8::100/64 dev eth0 scope global preferred_lft forever");
        assertThat(InstanceDumps.vipText(vip("fe80::1", 128, 253, true), true))
                .isEqualTo("fe80::1 dev eth0 scope link deprecated set");
    }

    @Test
    void stateNumbersAreKeepalivedsInTheJson() {
        assertThat(InstanceDumps.stateNumber(org.jkeepalived.vrrp.state.VrrpState.BACKUP)).isEqualTo(1);
        assertThat(InstanceDumps.stateNumber(org.jkeepalived.vrrp.state.VrrpState.MASTER)).isEqualTo(2);
        assertThat(InstanceDumps.stateNumber(org.jkeepalived.vrrp.state.VrrpState.FAULT)).isEqualTo(3);
    }
}
