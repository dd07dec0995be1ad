package org.jkeepalived.netlink.rtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.junit.jupiter.api.Test;

class AddressMessagesTest {

    private static VirtualAddress vip(String address, int prefix, String label, String broadcast,
                                      int scope, boolean nodad, boolean deprecated) throws Exception {
        return new VirtualAddress(InetAddress.getByName(address), prefix, "eth0", label,
            broadcast == null ? null : InetAddress.getByName(broadcast), null, scope, nodad, deprecated);
    }

    private static String hex(MessageWriter writer) {
        return HexVector.hex(writer.toByteArray());
    }

    @Test
    void ipv4VipWithLabelAndBroadcast() throws Exception {
        MessageWriter out = new MessageWriter();
        AddressMessages.add(out, 7, vip("192.0.2.10", 24, "eth0:vip", "192.0.2.255", 0, false, false), 3);
        String expected = """
            38000000 1400 0505 07000000 00000000 // nlmsghdr: len 56, RTM_NEWADDR, REQUEST|ACK|REPLACE|CREATE, seq 7, pid 0
            02 18 00 00 03000000                 // ifaddrmsg: AF_INET, /24, flags 0, scope global, ifindex 3
            0800 0200 c000020a                   // IFA_LOCAL 192.0.2.10
            0800 0400 c00002ff                   // IFA_BROADCAST 192.0.2.255
            0d00 0300 657468303a76697000 000000  // IFA_LABEL "eth0:vip\\0" (len 13) + 3 bytes padding
            """;
        assertThat(hex(out)).isEqualTo(HexVector.hex(HexVector.bytes(expected)));
    }

    @Test
    void ipv6Slash128IsNodadAndDeprecated() throws Exception {
        MessageWriter out = new MessageWriter();
        AddressMessages.add(out, 1, vip("fe80::1:52", 128, null, null, 253, true, true), 2);
        String expected = """
            40000000 1400 0505 01000000 00000000 // nlmsghdr: len 64, RTM_NEWADDR, REQUEST|ACK|REPLACE|CREATE, seq 1
            0a 80 02 fd 02000000                 // ifaddrmsg: AF_INET6, /128, IFA_F_NODAD, scope link, ifindex 2
            1400 0200 fe800000000000000000000000010052 // IFA_LOCAL fe80::1:52
            1400 0600 00000000 ffffffff 00000000 00000000 // IFA_CACHEINFO preferred 0, valid forever
            """;
        assertThat(hex(out)).isEqualTo(HexVector.hex(HexVector.bytes(expected)));
    }

    @Test
    void ipv6WithMinusNodadHasNoFlagAndNoCacheInfo() throws Exception {
        MessageWriter out = new MessageWriter();
        AddressMessages.add(out, 2, vip("2001:db8::54", 64, null, null, 0, false, false), 2);
        String expected = """
            2c000000 1400 0505 02000000 00000000 // nlmsghdr: len 44, RTM_NEWADDR, seq 2
            0a 40 00 00 02000000                 // ifaddrmsg: AF_INET6, /64, no flags, scope global, ifindex 2
            1400 0200 20010db8000000000000000000000054 // IFA_LOCAL 2001:db8::54
            """;
        assertThat(hex(out)).isEqualTo(HexVector.hex(HexVector.bytes(expected)));
    }

    @Test
    void peerGoesInIfaAddress() throws Exception {
        VirtualAddress withPeer = new VirtualAddress(InetAddress.getByName("192.0.2.1"), 32, "eth0",
            null, null, InetAddress.getByName("192.0.2.2"), 0, false, false);
        MessageWriter out = new MessageWriter();
        AddressMessages.add(out, 3, withPeer, 4);
        String expected = """
            28000000 1400 0505 03000000 00000000 // nlmsghdr: len 40, RTM_NEWADDR, seq 3
            02 20 00 00 04000000                 // ifaddrmsg: AF_INET, /32, ifindex 4
            0800 0200 c0000201                   // IFA_LOCAL 192.0.2.1 (ours)
            0800 0100 c0000202                   // IFA_ADDRESS 192.0.2.2 (the peer)
            """;
        assertThat(hex(out)).isEqualTo(HexVector.hex(HexVector.bytes(expected)));
    }

    @Test
    void deleteCarriesTheAddressTwiceSoThePrefixMustMatch() throws Exception {
        MessageWriter out = new MessageWriter();
        AddressMessages.delete(out, 9, vip("192.0.2.10", 24, "eth0:vip", "192.0.2.255", 0, false, false), 3);
        String expected = """
            28000000 1500 0500 09000000 00000000 // nlmsghdr: len 40, RTM_DELADDR, REQUEST|ACK, seq 9
            02 18 00 00 03000000                 // ifaddrmsg: AF_INET, /24, ifindex 3
            0800 0200 c000020a                   // IFA_LOCAL 192.0.2.10 (label and broadcast are not needed)
            0800 0100 c000020a                   // IFA_ADDRESS 192.0.2.10: the kernel then also matches the /24
            """;
        assertThat(hex(out)).isEqualTo(HexVector.hex(HexVector.bytes(expected)));
    }

    @Test
    void batchesAreFourByteAligned() throws Exception {
        MessageWriter out = new MessageWriter(16);
        AddressMessages.add(out, 1, vip("192.0.2.10", 32, "a", null, 0, false, false), 1);
        AddressMessages.add(out, 2, vip("192.0.2.11", 32, null, null, 0, false, false), 1);
        List<Message> messages = Message.parseAll(out.toBuffer());
        assertThat(messages).extracting(Message::sequence).containsExactly(1, 2);
        assertThat(out.messageCount()).isEqualTo(2);
        assertThat(out.size() % 4).isZero();
    }

    @Test
    void parsesKernelNewaddrForDeprecatedIpv6() {
        ByteBuffer payload = HexVector.buffer("""
            0a 80 02 fd 02000000                 // ifaddrmsg: AF_INET6, /128, NODAD (8-bit), scope link, ifindex 2
            1400 0100 fe800000000000000000000000010052 // IFA_ADDRESS fe80::1:52
            1400 0600 00000000 ffffffff 10270000 10270000 // IFA_CACHEINFO
            0800 0800 a2000000                   // IFA_FLAGS NODAD|DEPRECATED|PERMANENT (32-bit wins)
            """);
        AddressEntry entry = AddressMessages.parse(payload);
        assertThat(entry.family()).isEqualTo(Rtnl.AF_INET6);
        assertThat(entry.address().getHostAddress()).isEqualTo("fe80:0:0:0:0:0:1:52");
        assertThat(entry.prefixLength()).isEqualTo(128);
        assertThat(entry.scope()).isEqualTo(253);
        assertThat(entry.nodad()).isTrue();
        assertThat(entry.deprecated()).isTrue();
        assertThat(entry.peer()).isNull();
        assertThat(entry.index()).isEqualTo(2);
    }

    @Test
    void parsesKernelNewaddrForIpv4WithLabel() {
        ByteBuffer payload = HexVector.buffer("""
            02 18 80 00 03000000                 // ifaddrmsg: AF_INET, /24, PERMANENT, scope global, ifindex 3
            0800 0100 c000020a                   // IFA_ADDRESS 192.0.2.10
            0800 0200 c000020a                   // IFA_LOCAL 192.0.2.10
            0d00 0300 657468303a76697000 000000  // IFA_LABEL "eth0:vip"
            """);
        AddressEntry entry = AddressMessages.parse(payload);
        assertThat(entry.address().getHostAddress()).isEqualTo("192.0.2.10");
        assertThat(entry.label()).isEqualTo("eth0:vip");
        assertThat(entry.peer()).isNull();
        assertThat(entry.nodad()).isFalse();
    }

    @Test
    void truncatedInputIsAClearError() {
        assertThatThrownBy(() -> AddressMessages.parse(HexVector.buffer("02 18 00")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ifaddrmsg truncated");
        assertThatThrownBy(() -> AddressMessages.parse(HexVector.buffer("""
            02 18 00 00 03000000   // ifaddrmsg
            0900 0200 c000020a     // IFA_LOCAL claiming 9 bytes with only 8 present
            """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed attribute");
    }
}
