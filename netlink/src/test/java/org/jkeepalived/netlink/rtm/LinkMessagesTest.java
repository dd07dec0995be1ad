package org.jkeepalived.netlink.rtm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkMessagesTest {

    @Test
    void macvlanCreateForVrid51() {
        MessageWriter out = new MessageWriter();
        byte[] vmac = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x33};
        LinkMessages.createMacvlan(out, 5, "vrrp.51", 3, vmac);
        String expected = """
            5c000000 1000 0506 05000000 00000000 // nlmsghdr: len 92, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE, seq 5
            00 00 0000 00000000 00000000 00000000 // ifinfomsg: AF_UNSPEC, type 0, index 0, flags 0, change 0
            0800 0500 03000000                   // IFLA_LINK 3 (the parent)
            0c00 0300 767272702e353100           // IFLA_IFNAME "vrrp.51\\0"
            0a00 0100 00005e000133 0000          // IFLA_ADDRESS 00:00:5e:00:01:33 + padding
            1c00 1200                            // IFLA_LINKINFO (28 bytes)
            0c00 0100 6d6163766c616e00           //   IFLA_INFO_KIND "macvlan\\0"
            0c00 0200                            //   IFLA_INFO_DATA (12 bytes)
            0800 0100 01000000                   //     IFLA_MACVLAN_MODE private (1)
            """;
        assertThat(HexVector.hex(out.toByteArray())).isEqualTo(HexVector.hex(HexVector.bytes(expected)));
    }

    @Test
    void addrGenModeNone() {
        MessageWriter out = new MessageWriter();
        LinkMessages.setAddrGenModeNone(out, 6, 4);
        String expected = """
            30000000 1000 0500 06000000 00000000 // nlmsghdr: len 48, RTM_NEWLINK, REQUEST|ACK, seq 6
            00 00 0000 04000000 00000000 00000000 // ifinfomsg: index 4, no flag change
            1000 1a00                            // IFLA_AF_SPEC (16 bytes)
            0c00 0a00                            //   AF_INET6 (12 bytes)
            0500 0800 01 000000                  //     IFLA_INET6_ADDR_GEN_MODE none (1) + padding
            """;
        assertThat(HexVector.hex(out.toByteArray())).isEqualTo(HexVector.hex(HexVector.bytes(expected)));
    }

    @Test
    void setUpAndDelete() {
        MessageWriter out = new MessageWriter();
        LinkMessages.setUp(out, 1, 7, true);
        LinkMessages.delete(out, 2, 7);
        String expected = """
            20000000 1000 0500 01000000 00000000 // nlmsghdr: len 32, RTM_NEWLINK, REQUEST|ACK, seq 1
            00 00 0000 07000000 01000000 01000000 // ifinfomsg: index 7, flags IFF_UP, change IFF_UP
            20000000 1100 0500 02000000 00000000 // nlmsghdr: len 32, RTM_DELLINK, REQUEST|ACK, seq 2
            00 00 0000 07000000 00000000 00000000 // ifinfomsg: index 7
            """;
        assertThat(HexVector.hex(out.toByteArray())).isEqualTo(HexVector.hex(HexVector.bytes(expected)));
    }

    @Test
    void dumpRequest() {
        MessageWriter out = new MessageWriter();
        LinkMessages.dumpRequest(out, 42);
        String expected = """
            20000000 1200 0103 2a000000 00000000 // nlmsghdr: len 32, RTM_GETLINK, REQUEST|ROOT|MATCH (dump), seq 42
            00 00 0000 00000000 00000000 00000000 // ifinfomsg: all links
            """;
        assertThat(HexVector.hex(out.toByteArray())).isEqualTo(HexVector.hex(HexVector.bytes(expected)));
    }

    @Test
    void parsesKernelNewlinkForAMacvlan() {
        LinkEntry link = LinkMessages.parse(HexVector.buffer("""
            00 00 0100 04000000 43100100 00000000 // ifinfomsg: ARPHRD_ETHER, index 4, UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP
            0c00 0300 767272702e353100           // IFLA_IFNAME "vrrp.51"
            0800 0400 dc050000                   // IFLA_MTU 1500
            0500 1000 06 000000                  // IFLA_OPERSTATE up (6)
            0800 0500 03000000                   // IFLA_LINK 3
            0a00 0100 00005e000133 0000          // IFLA_ADDRESS 00:00:5e:00:01:33
            1c00 1200                            // IFLA_LINKINFO (28 bytes)
            0c00 0100 6d6163766c616e00           //   IFLA_INFO_KIND "macvlan"
            0c00 0280                            //   IFLA_INFO_DATA with NLA_F_NESTED (0x8000) set
            0800 0100 01000000                   //     IFLA_MACVLAN_MODE private
            """));
        assertThat(link.index()).isEqualTo(4);
        assertThat(link.name()).isEqualTo("vrrp.51");
        assertThat(link.mtu()).isEqualTo(1500);
        assertThat(link.operState()).isEqualTo(Rtnl.IF_OPER_UP);
        assertThat(link.up()).isTrue();
        assertThat(link.running()).isTrue();
        assertThat(link.mac()).containsExactly(0x00, 0x00, 0x5e, 0x00, 0x01, 0x33);
        assertThat(link.kind()).isEqualTo("macvlan");
        assertThat(link.parentIndex()).isEqualTo(3);
        assertThat(link.macvlanMode()).isEqualTo(Rtnl.MACVLAN_MODE_PRIVATE);
    }

    @Test
    void parsesALinkThatIsUpButNotRunning() {
        LinkEntry link = LinkMessages.parse(HexVector.buffer("""
            00 00 0100 02000000 03100100 00000000 // ifinfomsg: index 2, UP|BROADCAST|MULTICAST|LOWER_UP, no RUNNING
            0900 0300 6574683000 000000          // IFLA_IFNAME "eth0"
            """));
        assertThat(link.up()).isTrue();
        assertThat(link.running()).isFalse();
        assertThat(link.mac()).isEmpty();
        assertThat(link.kind()).isNull();
    }
}
