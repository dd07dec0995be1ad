package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PacketFilterAndVmacTest {

    @Test
    void filterTakesVrrpAndAhOverBothFamiliesButNotOurOwnFrames() {
        assertThat(PacketChannel.filterExpression(List.of()))
            .isEqualTo("(ip proto 112 or ip proto 51 or ip6 proto 112)");
        assertThat(PacketChannel.filterExpression(List.of(
            new byte[] {0x02, 0x00, 0x00, 0x00, 0x00, 0x01}, VmacLinks.virtualMac(51, false))))
            .isEqualTo("(ip proto 112 or ip proto 51 or ip6 proto 112)"
                + " and not ether src 02:00:00:00:00:01 and not ether src 00:00:5e:00:01:33");
    }

    @Test
    void virtualMacsFollowRfc5798() {
        assertThat(VmacLinks.virtualMac(1, false)).containsExactly(0x00, 0x00, 0x5e, 0x00, 0x01, 0x01);
        assertThat(VmacLinks.virtualMac(255, true)).containsExactly(0x00, 0x00, 0x5e, 0x00, 0x02, 0xff);
        assertThat(VmacLinks.isVirtualMac(VmacLinks.virtualMac(7, true))).isTrue();
        assertThat(VmacLinks.isVirtualMac(new byte[] {0x00, 0x00, 0x5e, 0x00, 0x03, 0x01})).isFalse();
        assertThat(VmacLinks.isVirtualMac(new byte[] {0x02, 0x00, 0x5e, 0x00, 0x01, 0x01})).isFalse();
        assertThat(VmacLinks.isVirtualMac(new byte[0])).isFalse();
        assertThatThrownBy(() -> VmacLinks.virtualMac(0, false)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("VRID must be 1..255");
    }
}
