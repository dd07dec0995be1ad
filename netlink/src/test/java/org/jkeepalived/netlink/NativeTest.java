package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** errno from jnr-ffi becomes an IOException that names the call and carries the errno; calls can be prepared. */
class NativeTest {

    @Test
    void aFailingCallNamesItselfAndItsErrno() {
        assertThatThrownBy(() -> Native.get().socket(9999, Native.SOCK_RAW, 0))
            .isInstanceOf(Native.NativeException.class)
            .hasMessageStartingWith("socket(9999, 3, 0): ")
            .hasMessageContaining("(errno 97)")
            .satisfies(e -> assertThat(((Native.NativeException) e).errno()).isEqualTo(97));
    }

    @Test
    void preparingTheCallsOpensAndChangesNothing() throws java.io.IOException {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
        long before;
        try (var listing = java.nio.file.Files.list(fds)) {
            before = listing.count();
        }

        Native.get().prepareCalls();
        Native.get().prepareCalls(); // a second time too: nothing is left behind to trip over

        try (var listing = java.nio.file.Files.list(fds)) {
            assertThat(listing.count()).as("no descriptor left open").isEqualTo(before);
        }
        // The functions work as before.
        assertThat(Rtnetlink.interfaceIndex("lo")).isEqualTo(1);
        int fd = Native.get().socket(Native.AF_NETLINK, Native.SOCK_RAW, Native.NETLINK_ROUTE);
        Native.get().close(fd);
    }

    @Test
    void unknownInterfacesHaveIndexZero() {
        assertThat(Rtnetlink.interfaceIndex("nosuch-if0")).isZero();
        assertThat(Rtnetlink.interfaceIndex("lo")).isEqualTo(1);
    }
}
