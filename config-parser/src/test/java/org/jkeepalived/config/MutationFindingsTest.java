package org.jkeepalived.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differences found by KeepalivedDifferentialIT's mutated configurations (seeds 20261122, 7, 11, 4242, 99);
 * every expected line and exit code is keepalived 2.2.7's own {@code -t} output for the same text.
 */
class MutationFindingsTest {
    @TempDir
    Path dir;

    /**
     * keepalived reads a server port with read_unsigned (its number messages come first) and parses the
     * address only up to its first '-' or else '/'; a real server of the other family is dropped at its
     * '}'.
     */
    @Test
    void serverPortsAreUnsignedNumbersAndAddressesStopAtSlashOrDash() {
        ParseResult r = Parsed.text(dir, "virtual_server 192.0.2.10 99999999999 {\n protocol TCP\n}\n"
                + "virtual_server 192.0.2.10 1.5 {\n protocol TCP\n}\n"
                + "virtual_server 192.0.2.10 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n"
                + " real_server 192.0.2.11 12abc {\n }\n real_server 192.0.2.11 -1 {\n }\n"
                + " real_server 192.0.2.11 70000 {\n }\n real_server 192.0.2.1/33 80 {\n }\n"
                + " real_server 2001:db8::1/200 80 {\n }\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 1) Invalid virtual server IP address/port 192.0.2.10/99999999999 - skipping",
                "(keepalived.conf: Line 1) number '99999999999' outside unsigned integer range",
                "(keepalived.conf: Line 11) Invalid real server ip address/port 192.0.2.11/12abc - skipping",
                "(keepalived.conf: Line 11) invalid number '12abc'",
                "(keepalived.conf: Line 13) Invalid real server ip address/port 192.0.2.11/-1 - skipping",
                "(keepalived.conf: Line 13) negative number '-1'",
                "(keepalived.conf: Line 15) Invalid real server ip address/port 192.0.2.11/70000 - skipping",
                "(keepalived.conf: Line 15) number '70000' outside range [1, 65535]",
                "(keepalived.conf: Line 20) Address family of virtual server and real server 2001:db8::1 don't match - skipping real server.",
                "(keepalived.conf: Line 4) Invalid virtual server IP address/port 192.0.2.10/1.5 - skipping",
                "(keepalived.conf: Line 4) invalid number '1.5'");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    /** getaddrinfo accepts inet_aton forms such as 127.1, but no part may overflow. */
    @Test
    void numericSmtpServersFollowInetAton() {
        ParseResult r = Parsed.text(dir, "global_defs {\n smtp_server 300.1.1.1\n}\nglobal_defs {\n smtp_server 127.1\n"
                + "}\nglobal_defs {\n smtp_server 1.2.70000\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(Line 2) Invalid smtp server 300.1.1.1 25",
                "(Line 8) Invalid smtp server 1.2.70000 25");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    /** 2.2.7 keeps one digest per url; a rejected digest does not count as the first one. */
    @Test
    void urlTakesOneDigestOfThirtyTwoHexDigits() {
        ParseResult r = Parsed.text(dir, "virtual_server 192.0.2.10 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n"
                + " real_server 192.0.2.11 80 {\n  HTTP_GET {\n   url {\n    path /a\n"
                + "    digest 640205b7b0fc66c1ea91c463fac6334d\n"
                + "    digest 640205b7b0fc66c1ea91c463fac6334d\n   }\n   url {\n    path /b\n"
                + "    digest 9b3a0\n    digest 64zz05b7b0fc66c1ea91c463fac6334d\n"
                + "    digest 640205B7B0FC66C1EA91C463FAC6334D\n   }\n  }\n }\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 10) Digest '640205b7b0fc66c1ea91c463fac6334d' is a duplicate",
                "(keepalived.conf: Line 14) digest '9b3a0' character length should be 32 rather than 5",
                "(keepalived.conf: Line 15) Unable to interpret hex digit in '64zz' at offset 2/3");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    @Test
    void virtualServerGroupFwmarkWithoutValueIsAMissingParameter() {
        ParseResult r = Parsed.text(dir, "virtual_server_group G1 {\n fwmark\n}\nvirtual_server group G1 {\n"
                + " protocol TCP\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 2) *** Configuration line starting `fwmark` is missing a parameter after keyword `fwmark` at word position 2");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void virtualServerGroupRangesAndNetmasksAreChecked() {
        ParseResult r = Parsed.text(dir, "virtual_server_group G1 {\n 192.0.2.1 70000\n 192.0.2.3/33 80\n 192.0.2.3/24 80\n"
                + " 192.0.2.4-x 80\n 192.0.2.4-300 80\n 192.0.2.4-3 80\n 2001:db8::1-ffff 80\n"
                + " 192.0.2.0/24 80\n delay_loop 6\n}\nvirtual_server group G1 {\n protocol TCP\n"
                + " lb_algo rr\n lb_kind NAT\n real_server 192.0.2.21 80 {\n }\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 10) Invalid virtual server group IP address delay_loop /port/6 - skipping",
                "(keepalived.conf: Line 2) Invalid virtual server group IP address 192.0.2.1 /port/70000 - skipping",
                "(keepalived.conf: Line 2) number '70000' outside range [1, 65535]",
                "(keepalived.conf: Line 3) Invalid netmask - 192.0.2.3/33 - skipping",
                "(keepalived.conf: Line 4) Address mask bits not empty - 192.0.2.3/24 - skipping",
                "(keepalived.conf: Line 5) Virtual server group range '192.0.2.4-x' has extra characters at end 'x'",
                "(keepalived.conf: Line 6) Virtual server group range '192.0.2.4-300' end '300' too large",
                "(keepalived.conf: Line 7) Address range end is not greater than address range start - 192.0.2.4-3 - skipping");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    /**
     * keepalived 2.2.7 segfaults here: nothing later is reported (not even the VRRP pass), exit 139;
     * the model is still complete.
     */
    @Test
    void httpCheckerWithoutUrlsCrashesWhenNoCheckerIsQueued() {
        ParseResult r = Parsed.text(dir, "vrrp_instance VI_1 {\n interface eth0\n priority 300\n virtual_router_id 5\n"
                + " virtual_ipaddress {\n  192.0.2.99\n }\n}\nvirtual_server 192.0.2.10 80 {\n"
                + " protocol TCP\n real_server 192.0.2.11 80 {\n  HTTP_GET {\n  }\n  foo\n }\n"
                + "}\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(Line 17) Extra '}' found",
                "(Line 17) Unknown keyword '}'",
                "(keepalived.conf: Line 13) HTTP/SSL_GET checker has no urls specified - ignoring");
        assertThat(r.exitCode()).isEqualTo(139);
        assertThat(r.diagnostics().aborted()).isFalse();
        assertThat(r.config().instance("VI_1").priority()).as("the model is still complete").isEqualTo(100);
    }

    @Test
    void httpCheckerWithoutUrlsAfterAQueuedCheckerIsOnlyDropped() {
        ParseResult r = Parsed.text(dir, "virtual_server 192.0.2.10 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n"
                + " real_server 192.0.2.11 80 {\n  TCP_CHECK {\n  }\n  HTTP_GET {\n  }\n  foo\n"
                + " }\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 10) Unknown keyword 'foo'",
                "(keepalived.conf: Line 9) HTTP/SSL_GET checker has no urls specified - ignoring");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    /** strtoul accepts any whole number (0x10 too); names come from rt_tables. */
    @Test
    void routingTablesMustBeNumbersOrRtTablesNames() {
        ParseResult r = Parsed.text(dir, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 5\n"
                + " virtual_ipaddress {\n  192.0.2.99\n }\n virtual_routes {\n"
                + "  192.0.2.0/24 dev eth0 table 1.5\n  192.0.2.0/24 dev eth0 table 0x10\n"
                + "  192.0.2.0/24 dev eth0 table main\n  192.0.2.0/24 via 192.0.2.1 table abc\n }\n"
                + " virtual_rules {\n  from 192.0.2.1 table 1.5\n  from 192.0.2.2 lookup 100\n }\n"
                + "}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 11) Routing table abc not found for route",
                "(keepalived.conf: Line 14) Routing table 1.5 not found for rule",
                "(keepalived.conf: Line 15) Rule has no preference specified - setting to 16384. This is probably not what you want.",
                "(keepalived.conf: Line 8) Routing table 1.5 not found for route");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    /** A bad via address gets parse_ipaddress's message too; a via of the other family is refused. */
    @Test
    void routeViaAddressesMustBeValidAndOfTheRoutesFamily() {
        ParseResult r = Parsed.text(dir, "static_routes {\n  192.0.2.0/24 via 19 dev eth0\n"
                + "  192.0.2.0/24 via inet6 192.0.2.1 dev eth0\n  192.0.2.0/24 via 2001:db8::1 dev eth0\n"
                + "  192.0.2.0/24 via inet 192.0.2.1 dev eth0\n  2001:db8::/64 via 192.0.2.1 dev eth0\n"
                + "  2001:db8::/64 via inet 192.0.2.1 dev eth0\n  default6 via 192.0.2.1 dev eth0\n"
                + "  via 192.0.2.1 2001:db8::/64 dev eth0\n  192.0.2.0/24 via 19 dev eth0\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 10) VRRP parsed invalid IP 19. skipping IP...",
                "(keepalived.conf: Line 10) invalid route via address 19",
                "(keepalived.conf: Line 2) VRRP parsed invalid IP 19. skipping IP...",
                "(keepalived.conf: Line 2) invalid route via address 19",
                "(keepalived.conf: Line 3) Cannot mix IPv4 and IPv6 addresses for route",
                "(keepalived.conf: Line 4) Cannot mix IPv4 and IPv6 addresses for route",
                "(keepalived.conf: Line 6) Cannot mix IPv4 and IPv6 addresses for route",
                "(keepalived.conf: Line 7) Cannot mix IPv4 and IPv6 addresses for route",
                "(keepalived.conf: Line 8) Cannot mix IPv4 and IPv6 addresses for route",
                "(keepalived.conf: Line 9) Cannot mix IPv4 and IPv6 addresses for route (2001:db8::/64)");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    /** Each status_code word is N or N-M, with N from 100 to 599 and M from N to 599 (found with seed 99). */
    @Test
    void urlStatusCodesAreHttpCodesOrRanges() {
        ParseResult r = Parsed.text(dir, "virtual_server 192.0.2.10 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n"
                + " real_server 192.0.2.11 80 {\n  HTTP_GET {\n   url {\n    path /\n"
                + "    status_code 12abc\n   }\n   url {\n    path /\n    status_code 200\n   }\n"
                + "   url {\n    path /\n    status_code 99\n   }\n   url {\n    path /\n"
                + "    status_code 599\n   }\n   url {\n    path /\n    status_code 200 301\n   }\n"
                + "   url {\n    path /\n    status_code 300-200\n   }\n   url {\n    path /\n"
                + "    status_code 200-\n   }\n   url {\n    path /\n    status_code 200-600\n"
                + "   }\n  }\n }\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 17) Invalid HTTP_GET status code '99'",
                "(keepalived.conf: Line 29) Invalid HTTP_GET status code '300-200'",
                "(keepalived.conf: Line 33) Invalid HTTP_GET status code '200-'",
                "(keepalived.conf: Line 37) Invalid HTTP_GET status code '200-600'",
                "(keepalived.conf: Line 9) Invalid HTTP_GET status code '12abc'");
        assertThat(r.exitCode()).isEqualTo(5);
    }
}
