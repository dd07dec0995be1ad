package org.jkeepalived.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@link AddressText} against glibc's inet_ntop (the expected texts were produced by it on this host). */
class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
        "2001:0db8:0000:0000:0000:0000:0000:0100, 2001:db8::100",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "2001:0000:0000:0001:0000:0000:0000:0001, 2001:0:0:1::1",
        "fe80:0000:0000:0000:0000:0000:0000:0001, fe80::1",
        "0000:0000:0000:0000:0000:0000:0000:0001, ::1",
        "0000:0000:0000:0000:0000:0000:0000:0000, ::",
        "2001:0db8:0000:0000:0000:0000:0000:0000, 2001:db8::",
        "0001:0000:0002:0000:0003:0000:0004:0000, 1:0:2:0:3:0:4:0",
        "0000:0000:0000:0000:0000:ffff:c000:0201, ::ffff:192.0.2.1",
        "0000:0000:0000:0000:0000:0000:c000:0201, ::192.0.2.1",
        "2001:0db8:00aa:00bb:00cc:00dd:00ee:00ff, 2001:db8:aa:bb:cc:dd:ee:ff",
        "0000:0000:0001:0000:0000:0000:0000:0000, 0:0:1::",
        "fe80:0000:0000:0000:2447:15ff:fe97:b6f5, fe80::2447:15ff:fe97:b6f5",
    })
    void ipv6IsCompressedAsInetNtopDoes(String full, String expected) throws UnknownHostException {
        assertThat(AddressText.of(Inet6Address.getByAddress(null, bytes(full), -1))).isEqualTo(expected);
    }

    @Test
    void scopeIdIsNotPrinted() throws UnknownHostException {
        InetAddress scoped = Inet6Address.getByAddress(null, bytes("fe80:0000:0000:0000:0000:0000:0000:0001"), 2);
        assertThat(scoped.getHostAddress()).isEqualTo("fe80:0:0:0:0:0:0:1%2");
        assertThat(AddressText.of(scoped)).isEqualTo("fe80::1");
    }

    @Test
    void ipv4IsADottedQuad() throws UnknownHostException {
        assertThat(AddressText.of(InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) 255})))
                .isEqualTo("198.51.100.255");
    }

    private static byte[] bytes(String full) {
        String hex = full.replace(":", "");
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
