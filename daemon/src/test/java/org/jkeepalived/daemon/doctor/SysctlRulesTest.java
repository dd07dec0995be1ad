package org.jkeepalived.daemon.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** The kernel's all/interface combination rules and when arp_ignore leaves a VIP unanswered. */
class SysctlRulesTest {
    private static final InetAddress VIP = ip("192.0.2.100");

    @Test
    void rpFilterArpIgnoreAndArpAnnounceUseTheLargerOfAllAndTheInterface() {
        assertThat(SysctlRules.effectiveRpFilter(OptionalInt.of(0), OptionalInt.of(1))).isEqualTo(1);
        assertThat(SysctlRules.effectiveRpFilter(OptionalInt.of(2), OptionalInt.of(1))).isEqualTo(2);
        assertThat(SysctlRules.effectiveRpFilter(OptionalInt.of(1), OptionalInt.of(0)))
                .as("setting only the interface to 0 does not turn a strict 'all' off").isEqualTo(1);
        assertThat(SysctlRules.effectiveRpFilter(OptionalInt.empty(), OptionalInt.empty())).isZero();
        assertThat(SysctlRules.effectiveArpIgnore(OptionalInt.of(8), OptionalInt.of(0))).isEqualTo(8);
        assertThat(SysctlRules.effectiveArpIgnore(OptionalInt.of(1), OptionalInt.of(2))).isEqualTo(2);
        assertThat(SysctlRules.effectiveArpAnnounce(OptionalInt.of(0), OptionalInt.of(2))).isEqualTo(2);
    }

    @Test
    void arpFilterIsOnWhenEitherIsOn() {
        assertThat(SysctlRules.effectiveArpFilter(OptionalInt.of(0), OptionalInt.of(1))).isTrue();
        assertThat(SysctlRules.effectiveArpFilter(OptionalInt.of(1), OptionalInt.of(0))).isTrue();
        assertThat(SysctlRules.effectiveArpFilter(OptionalInt.of(0), OptionalInt.empty())).isFalse();
    }

    @Test
    void arpIgnoreValuesThatStopRepliesForTheVip() {
        List<Host.Address> onSubnet = List.of(new Host.Address(ip("192.0.2.11"), 24), new Host.Address(VIP, 32));
        List<Host.Address> offSubnet = List.of(new Host.Address(ip("198.51.100.11"), 24), new Host.Address(VIP, 32));
        assertThat(SysctlRules.arpIgnoreBreaks(0, VIP, offSubnet, "global")).isNull();
        assertThat(SysctlRules.arpIgnoreBreaks(1, VIP, offSubnet, "global"))
                .as("1: the VIP is on the interface the request arrives on").isNull();
        assertThat(SysctlRules.arpIgnoreBreaks(2, VIP, onSubnet, "global")).as("the /24 covers VIP and requesters")
                .isNull();
        assertThat(SysctlRules.arpIgnoreBreaks(2, VIP, offSubnet, "global")).contains("arp_ignore=2");
        assertThat(SysctlRules.arpIgnoreBreaks(2, VIP, List.of(new Host.Address(VIP, 24)), "global"))
                .as("a VIP configured as /24 covers its own subnet").isNull();
        assertThat(SysctlRules.arpIgnoreBreaks(3, VIP, onSubnet, "global")).isNull();
        assertThat(SysctlRules.arpIgnoreBreaks(3, VIP, onSubnet, "host")).contains("scope host");
        for (int reserved = 4; reserved <= 7; reserved++) {
            assertThat(SysctlRules.arpIgnoreBreaks(reserved, VIP, offSubnet, "host")).as("reserved %d replies", reserved)
                    .isNull();
        }
        assertThat(SysctlRules.arpIgnoreBreaks(8, VIP, onSubnet, "global")).contains("never");
        assertThat(SysctlRules.arpIgnoreBreaks(8, ip("2001:db8::100"), onSubnet, "global"))
                .as("arp_ignore is IPv4 only").isNull();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
