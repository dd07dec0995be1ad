package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision whether ff02::12 can be joined, from a copy of the {@code /proc/sys/net/ipv6}
 * layout: the kernel-wide {@code ipv6.disable=1} form (no tree at all) cannot be made inside a
 * namespace, so it is tested here.
 */
class Ipv6SupportTest {
    @TempDir
    Path root;

    @Test
    void noProcSysNetIpv6MeansAbsentAndNoSocketIsTried() {
        Ipv6Support support = Ipv6Support.of(root.resolve("ipv6"), "eth0");
        assertThat(support).isEqualTo(Ipv6Support.ABSENT);
        assertThat(support.socketsAvailable()).isFalse();
    }

    @Test
    void perInterfaceDisableIpv6DecidesAndSocketsStayAvailable() throws Exception {
        Path ipv6 = tree("eth0", "1");
        Files.createDirectories(ipv6.resolve("conf/eth1"));
        Files.writeString(ipv6.resolve("conf/eth1/disable_ipv6"), "0\n");
        assertThat(Ipv6Support.of(ipv6, "eth0")).isEqualTo(Ipv6Support.DISABLED);
        assertThat(Ipv6Support.DISABLED.socketsAvailable()).isTrue();
        assertThat(Ipv6Support.of(ipv6, "eth1")).isEqualTo(Ipv6Support.ENABLED);
    }

    @Test
    void anUnreadableOrOddInterfaceNameLetsTheJoinDecide() throws Exception {
        Path ipv6 = tree("eth0", "0");
        assertThat(Ipv6Support.of(ipv6, "gone0")).isEqualTo(Ipv6Support.ENABLED);
        assertThat(Ipv6Support.of(ipv6, "..")).isEqualTo(Ipv6Support.ENABLED);
        assertThat(Ipv6Support.of(ipv6, "a/b")).isEqualTo(Ipv6Support.ENABLED);
    }

    @Test
    void theRealTreeOfThisHostIsReadWithoutError() {
        // whatever this host's setting, lo is one of the three states and never throws
        assertThat(Ipv6Support.of("lo")).isIn((Object[]) Ipv6Support.values());
    }

    private Path tree(String device, String disableIpv6) throws Exception {
        Path ipv6 = root.resolve("ipv6");
        Files.createDirectories(ipv6.resolve("conf").resolve(device));
        Files.writeString(ipv6.resolve("conf").resolve(device).resolve("disable_ipv6"), disableIpv6 + "\n");
        return ipv6;
    }
}
