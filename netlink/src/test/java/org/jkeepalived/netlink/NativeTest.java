package org.jkeepalived.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** errno from jnr-ffi becomes an IOException that names the call and carries the errno. */
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
    void unknownInterfacesHaveIndexZero() {
        assertThat(Rtnetlink.interfaceIndex("nosuch-if0")).isZero();
        assertThat(Rtnetlink.interfaceIndex("lo")).isEqualTo(1);
    }
}
