package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link LinuxInterfacePort} in a namespace with IPv6 turned off, the two ways a namespace allows
 * ({@code all}/{@code default} and per interface): the capture opens once and stays open (it
 * used to loop on "IPv6 not available; will reopen" when no interface had IPv6, because the JDK
 * then refuses AF_INET6 channels), IPv4 adverts arrive, 224.0.0.18 is joined, and turning IPv6
 * back on leaves ff02::12 joined without reopening the capture.
 */
class Ipv6OffNamespaceTest {
    private static final String IGMP_VRRP = "120000E0";
    private static final String IGMP6_VRRP = "ff020000000000000000000000000012";

    @Test
    void allAndDefaultDisableIpv6KeepsIpv4CaptureAndReenablingJoinsFf02_12() throws Exception {
        Netns a = Netns.create("nlt-6a");
        Netns b = null;
        try {
            b = Netns.create("nlt-6b");
            a.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
            a.exec("sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
            connect(a, b);
            assertThat(a.ip("-6", "addr", "show", "dev", "vethA")).doesNotContain("inet6");
            checkCaptureWithoutIpv6(a, b, 40);
        } finally {
            a.close();
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    void perInterfaceDisableIpv6KeepsIpv4CaptureAndReenablingJoinsFf02_12() throws Exception {
        Netns a = Netns.create("nlt-6c");
        Netns b = null;
        try {
            b = Netns.create("nlt-6d");
            connect(a, b);
            a.exec("sysctl", "-q", "-w", "net.ipv6.conf.vethA.disable_ipv6=1");
            Poll.until(() -> !a.ip("-6", "addr", "show", "dev", "vethA").contains("inet6"), 5_000, "vethA without IPv6");
            checkCaptureWithoutIpv6(a, b, 41);
        } finally {
            a.close();
            if (b != null) {
                b.close();
            }
        }
    }

    private static void connect(Netns a, Netns b) throws Exception {
        a.ip("link", "add", "vethA", "type", "veth", "peer", "name", "vethB", "netns", b.name);
        a.ip("addr", "add", "198.51.100.1/24", "dev", "vethA");
        b.ip("addr", "add", "198.51.100.2/24", "dev", "vethB");
        a.ip("link", "set", "vethA", "up");
        b.ip("link", "set", "vethB", "up");
        Poll.until(() -> a.ip("link", "show", "dev", "vethA").contains("state UP")
            && b.ip("link", "show", "dev", "vethB").contains("state UP"), 10_000, "veth pair up");
    }

    private static void checkCaptureWithoutIpv6(Netns a, Netns b, int vrid) throws Exception {
        try (ChildJvm receiver = new ChildJvm(a.name, PortAgent.class, "quiet");
             ChildJvm sender = new ChildJvm(b.name, PortAgent.class, "quiet")) {
            receiver.await("READY"::equals, 20_000, "receiver start");
            sender.await("READY"::equals, 20_000, "sender start");
            receiver.call("listen vethA", 5_000);
            Poll.until(() -> a.exec("cat", "/proc/net/igmp").contains(IGMP_VRRP), 5_000, "224.0.0.18 joined");
            expectAdvertArrives(sender, receiver, vrid);
            // (the kernel may accept the ff02::12 join while disable_ipv6=1: it keeps it and sends no MLD)
            assertThat(receiver.call("reopens vethA", 5_000)).isEqualTo("OK 0");
            assertThat(receiver.transcript()).noneMatch(l -> l.contains("Packet capture on vethA stopped"));

            // use_vmac works without IPv6 too (its addrgenmode setting is an IPv6 one)
            receiver.call("vmac vrrp." + vrid + " vethA " + vrid + " 4", 5_000);
            assertThat(a.ip("-d", "link", "show", "dev", "vrrp." + vrid)).contains("macvlan");
            receiver.call("delvmac vrrp." + vrid, 5_000);

            a.exec("sysctl", "-q", "-w", "net.ipv6.conf.vethA.disable_ipv6=0");
            Poll.until(() -> a.exec("cat", "/proc/net/igmp6").contains(IGMP6_VRRP), 10_000, "ff02::12 joined after re-enabling");
            expectAdvertArrives(sender, receiver, vrid + 10);
            assertThat(receiver.call("reopens vethA", 5_000)).isEqualTo("OK 0");
        }
    }

    private static void expectAdvertArrives(ChildJvm sender, ChildJvm receiver, int vrid) throws Exception {
        String wanted = "FrameReceived vethA check=VALID v=2 vrid=" + vrid + " ";
        Poll.until(() -> {
            sender.call("advert vethB v2 " + vrid + " 100 vips 192.0.2." + vrid, 5_000);
            try {
                receiver.await(l -> l.contains(wanted), 200, "advert vrid " + vrid);
                return true;
            } catch (java.io.IOException notYet) {
                return false;
            }
        }, 10_000, "adverts with VRID " + vrid + " to arrive");
    }
}
