package org.jkeepalived.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviours found by running keepalived 2.2.7 {@code -t} and this parser side by side on
 * generated and real-world configurations; each expected line is keepalived's own output.
 */
class DifferentialFindingsTest {
    @TempDir
    Path dir;

    private static final String VI = "vrrp_instance %s {\n interface eth0\n virtual_router_id %d\n%s\n"
            + " virtual_ipaddress {\n  192.0.2.%d\n }\n}\n";

    private static String vi(String name, int vrid, String body) {
        return String.format(VI, name, vrid, body, vrid);
    }

    @Test
    void duplicateVridOnOneInterfaceIsAnError() {
        ParseResult r = Parsed.text(dir, vi("VI_1", 51, "") + vi("VI_2", 51, ""));
        assertThat(r.diagnostics().distinctLines())
                .containsExactly("VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    @Test
    void syncGroupMembersLoseTrackerWeights() {
        ParseResult r = Parsed.text(dir, "vrrp_script chk { script /bin/true }\n"
                + "vrrp_sync_group G { group { VI_1\n VI_2 } }\n"
                + vi("VI_1", 1, " track_interface {\n  eth1 weight 5\n }\n track_script {\n  chk weight 5\n }")
                + vi("VI_2", 2, ""));
        assertThat(r.diagnostics().distinctLines()).contains(
                "(VI_1) ignoring eth1 tracked interface weight due to SYNC group",
                "(VI_1) ignoring tracked script chk with weights due to SYNC group");
        assertThat(r.config().instance("VI_1").trackedInterfaces()).singleElement()
                .satisfies(t -> assertThat(t.weight()).isZero());
        assertThat(r.config().instance("VI_1").trackedScripts()).isEmpty();
    }

    @Test
    void malformedDecimalKeepsItsLeadingDigitsAsKeepalivedDoes() {
        ParseResult r = Parsed.text(dir, "virtual_server 192.0.2.10 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n"
                + " real_server 192.0.2.11 80 {\n  connect_timeout 192.0.2.7\n }\n}\n");
        assertThat(r.diagnostics().distinctLines())
                .containsExactly("(keepalived.conf: Line 6) invalid number '192.0.2.7'");
    }

    @Test
    void invalidServerAddressesSkipTheirBlocks() {
        ParseResult r = Parsed.text(dir, "virtual_server 192.0.2.300 80 {\n protocol TCP\n real_server 1.2.3.4 80 { }\n}\n"
                + "virtual_server 192.0.2.10 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n"
                + " real_server nohost {\n  weight 1\n }\n real_server 192.0.2.11 80 { }\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 1) Invalid virtual server IP address/port 192.0.2.300/80 - skipping",
                "(keepalived.conf: Line 9) Invalid real server ip address/port nohost/(null) - skipping");
        assertThat(r.config().virtualServers()).singleElement()
                .satisfies(vs -> assertThat(vs.realServers()).hasSize(1));
    }

    @Test
    void smtpServerNamesMustResolveWithoutTheNetwork() {
        ParseResult r = Parsed.text(dir, "global_defs {\n smtp_server localhost\n}\nglobal_defs {\n smtp_server mail.example\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactly("(Line 5) Invalid smtp server mail.example 25");
    }

    @Test
    void unknownInterfaceStopsValidationEvenForUnicast() {
        ParseResult r = Parsed.text(dir, "vrrp_instance VI_1 {\n virtual_router_id 6\n unicast_src_ip 192.0.2.5\n"
                + " unicast_peer {\n  192.0.2.9\n  bogus\n }\n virtual_ipaddress {\n  192.0.2.6\n }\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder("(VI_1) Unknown interface!",
                "(keepalived.conf: Line 6) Configuration error: VRRP instance[VI_1] malformed unicast peer address[bogus]. Skipping...");
    }

    @Test
    void keywordsWithOwnMissingValueMessagesDoNotExitTwo() {
        ParseResult r = Parsed.text(dir, "global_defs {\n router_id\n}\n");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.diagnostics().distinctLines()).containsExactly("(Line 2) routerid name missing - ignoring");
    }

    @Test
    void checkerPassStoppingEarlyPrintsNoChildCopyOfLaterLexerMessages() {
        ParseResult r = Parsed.text(dir, "virtual_server 192.0.2.10 80 {\n delay_loop\n}\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder("(Line 4) Extra '}' found",
                "(Line 4) Unknown keyword '}'", "(keepalived.conf: Line 2) *** Configuration line starting `delay_loop` is"
                        + " missing a parameter after keyword `delay_loop` at word position 2");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void inactiveRootKeywordWithoutBraceLeavesItsLinesAtTheRoot() {
        ParseResult r = Parsed.text(dir, "virtual_server 192.0.2.10 80\n delay_loop 5\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(Line 2) Unknown keyword 'delay_loop'",
                "(keepalived.conf: Line 2) Missing '{' at beginning of configuration block",
                "(keepalived.conf: Line 2) Unknown keyword 'delay_loop'",
                "Virtual server [192.0.2.10]:none:80 has no real servers - ignoring");
    }
}
