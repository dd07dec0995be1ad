package org.jkeepalived.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived 2.2.7 behaviours beyond the corpus, one per test. */
class ConfigParserBehaviourTest {
    @TempDir
    Path dir;

    private static final String VI = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 7\n%s\n"
            + " virtual_ipaddress {\n  192.0.2.100/24\n }\n}\n";

    private ParseResult instance(String body) {
        return Parsed.text(dir, String.format(VI, body));
    }

    @Test
    void stateMasterWithoutPriorityIsAddressOwner() {
        ParseResult r = instance(" state MASTER");
        VrrpInstance vi = r.config().instance("VI_1");
        assertThat(vi.priority()).isEqualTo(255);
        assertThat(vi.state()).isEqualTo(VrrpState.MASTER);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void defaultsAreKeepalivedsDefaults() {
        VrrpInstance vi = instance("").config().instance("VI_1");
        assertThat(vi.priority()).isEqualTo(100);
        assertThat(vi.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(vi.version()).isEqualTo(2);
        assertThat(vi.advertIntervalMicros()).isEqualTo(1_000_000);
        assertThat(vi.garp().masterDelaySeconds()).isEqualTo(5);
        assertThat(vi.garp().masterRepeat()).isEqualTo(5);
        assertThat(vi.accept()).isTrue();
        assertThat(vi.virtualIps()).singleElement().satisfies(ip -> {
            assertThat(ip.prefixLength()).isEqualTo(24);
            assertThat(ip.dev()).isEqualTo("eth0");
        });
    }

    @Test
    void unknownStateDefaultsToBackupWithKeepalivedsWording() {
        ParseResult r = instance(" state PRIMARY");
        assertThat(r.diagnostics().distinctLines())
                .contains("(keepalived.conf: Line 4) (VI_1) unknown state 'PRIMARY', defaulting to BACKUP");
        assertThat(r.config().instance("VI_1").state()).isEqualTo(VrrpState.BACKUP);
        assertThat(r.exitCode()).isEqualTo(5);
    }

    @Test
    void invalidVipIsSkipped() {
        ParseResult r = Parsed.text(dir, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 7\n"
                + " virtual_ipaddress {\n  192.0.2.300\n  192.0.2.9\n }\n}\n");
        assertThat(r.diagnostics().distinctLines())
                .contains("(keepalived.conf: Line 5) VRRP parsed invalid IP 192.0.2.300. skipping IP...");
        assertThat(r.config().instance("VI_1").virtualIps()).extracting(ip -> ip.address()).containsExactly("192.0.2.9");
    }

    @Test
    void unknownKeywordBlockIsReadAtTheCurrentLevel() {
        ParseResult r = Parsed.text(dir, "bogus_block {\n  vrrp_script S { script /bin/true }\n}\n");
        assertThat(r.diagnostics().distinctLines()).contains("(Line 1) Unknown keyword 'bogus_block'",
                "(Line 1) Unexpected '{' - ignoring", "(keepalived.conf: Line 1) Unknown keyword 'bogus_block'",
                "(Line 3) Unknown keyword '}'");
        // the vrrp_script inside was parsed as a root keyword
        assertThat(r.config().vrrpScripts()).extracting(s -> s.name()).containsExactly("S");
    }

    @Test
    void missingParameterStopsWithExitTwo() {
        ParseResult r = instance(" priority");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.diagnostics().distinctLines()).containsExactly(
                "(keepalived.conf: Line 4) *** Configuration line starting `priority` is missing a parameter after "
                        + "keyword `priority` at word position 2");
    }

    @Test
    void missingOpeningBraceIsReported() {
        ParseResult r = Parsed.text(dir, "global_defs\n router_id x\n}\n");
        assertThat(r.diagnostics().distinctLines()).contains("(Line 2) Missing '{' at beginning of configuration block");
        assertThat(r.config().globalDefs().routerId()).isEqualTo("x");
    }

    @Test
    void outOfRangePriorityFallsBackTo100() {
        ParseResult r = instance(" priority 0");
        assertThat(r.diagnostics().distinctLines()).contains("(keepalived.conf: Line 4) number '0' outside range [1, 255]",
                "(keepalived.conf: Line 4) (VI_1) Priority not valid! must be between 1 & 255. Using default 100");
        assertThat(r.config().instance("VI_1").priority()).isEqualTo(100);
    }

    @Test
    void keywordsNewerThan227AreAccepted() {
        ParseResult r = instance(" no_virtual_ipaddress\n auth_hmac {\n  key 1 hex:00\n  active_key 1\n }");
        assertThat(r.diagnostics().distinctLines()).isEmpty();
        assertThat(r.config().instance("VI_1").authHmac().activeKey()).isEqualTo(1);
    }

    @Test
    void globalGarpDefaultsAreInherited() {
        ParseResult r = Parsed.text(dir, "global_defs {\n vrrp_garp_master_delay 2\n vrrp_garp_master_repeat 3\n}\n"
                + String.format(VI, " garp_master_repeat 4"));
        VrrpInstance vi = r.config().instance("VI_1");
        assertThat(vi.garp().masterDelaySeconds()).isEqualTo(2);
        assertThat(vi.garp().masterRepeat()).isEqualTo(4);
        assertThat(vi.garp().lowerPrioDelaySeconds()).isEqualTo(2);
        assertThat(vi.garp().lowerPrioRepeat()).isEqualTo(3);
    }

    @Test
    void missingInterfaceIsReportedAndStopsValidation() {
        ParseResult r = Parsed.text(dir, "vrrp_instance VI_1 {\n interface eth9\n virtual_router_id 7\n}\n");
        assertThat(r.diagnostics().distinctLines()).containsExactlyInAnyOrder(
                "(keepalived.conf: Line 2) WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist",
                "Non-existent interface specified in configuration");
        assertThat(r.exitCode()).isEqualTo(5);
    }

    @Test
    void scriptsWithoutScriptSecurityAreASecurityViolation() {
        ParseResult r = Parsed.text(dir, "vrrp_script chk { script /bin/true }\n"
                + String.format(VI, " track_script {\n  chk weight 10\n }"));
        assertThat(r.diagnostics().distinctLines())
                .containsExactly("SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.config().instance("VI_1").trackedScripts()).singleElement()
                .satisfies(t -> assertThat(t.weight()).isEqualTo(10));
    }

    @Test
    void vrrpScriptUserLineSetsTheScriptsUserAndGroup() {
        ParseResult r = Parsed.text(dir, "global_defs {\n enable_script_security\n script_user root\n}\n"
                + "vrrp_script chk {\n script /bin/true\n user root root\n}\nvrrp_script plain { script /bin/true }\n");
        assertThat(r.config().vrrpScripts()).extracting(s -> s.name() + " " + s.script().user() + " " + s.script().group())
                .containsExactlyInAnyOrder("chk root root", "plain null null");
    }

    @Test
    void lvsVirtualServerIsModelled() {
        ParseResult r = Parsed.text(dir, "virtual_server 192.0.2.10 80 {\n delay_loop 6\n lb_algo rr\n lb_kind DR\n"
                + " protocol TCP\n real_server 192.0.2.11 80 {\n  weight 3\n  TCP_CHECK {\n   connect_timeout 3\n  }\n"
                + " }\n}\n");
        assertThat(r.exitCode()).isZero();
        assertThat(r.config().virtualServers()).singleElement().satisfies(vs -> {
            assertThat(vs.lbAlgo()).isEqualTo("rr");
            assertThat(vs.delayLoopMicros()).isEqualTo(6_000_000);
            assertThat(vs.realServers()).singleElement().satisfies(rs -> {
                assertThat(rs.weight()).isEqualTo(3);
                assertThat(rs.checkers()).singleElement().satisfies(c -> assertThat(c.type()).isEqualTo("TCP_CHECK"));
            });
        });
    }

    @Test
    void neverThrowsOnBinaryJunk() {
        ParseResult r = Parsed.text(dir, "\u0000\u00ff{{{}}}} \"unterminated\n vrrp_instance { } } {\n$X=${X}\n");
        assertThat(r.exitCode()).isIn(0, 2, 4, 5, 6);
    }

    @Test
    void notifyDualMasterIsAnInstanceExtensionParsedLikeTheOtherNotifyScripts() {
        ParseResult r = instance(" notify_dual_master \"/bin/true dual\"\n notify_dual_master /bin/true");
        assertThat(r.config().instance("VI_1").notifyScripts().get("notify_dual_master").argv())
                .containsExactly("/bin/true", "dual");
        assertThat(r.diagnostics().distinctLines())
                .contains("(keepalived.conf: Line 5) (VI_1) notify_dual_master script already specified - ignoring /bin/true");
        assertThat(org.jkeepalived.config.parse.KeywordDefinitions.table().allKeywords())
                .filteredOn(k -> k.path().equals("vrrp_instance > notify_dual_master"))
                .singleElement().satisfies(k -> assertThat(k.extension()).isTrue());
    }

    @Test
    void notifyDualMasterChecksLikeKeepalivedsNotifyScriptsAndIsNotASyncGroupKeyword() {
        ParseResult alone = instance(" notify_dual_master /bin/true");
        // The same verdict as keepalived's notify_master_rx_lower_pri with the same script (this
        // fake host has no keepalived_script user, so both report that).
        assertThat(alone.exitCode()).as("%s", alone.diagnostics().distinctLines())
                .isEqualTo(instance(" notify_master_rx_lower_pri /bin/true").exitCode());
        assertThat(alone.diagnostics().distinctLines()).noneMatch(l -> l.contains("notify_dual_master"));
        ParseResult group = Parsed.text(dir, String.format(VI, "")
                + "vrrp_sync_group SG {\n group {\n  VI_1\n }\n notify_dual_master /bin/true\n}\n");
        assertThat(group.diagnostics().distinctLines()).anyMatch(l -> l.contains("Unknown keyword 'notify_dual_master'"));
    }

    @Test
    void dualMasterStepDownAdvertIsAGlobalExtensionOnByDefault() {
        assertThat(instance("").config().globalDefs().dualMasterStepDownAdvert()).isTrue();
        for (String off : new String[] {"off", "false", "no"}) {
            ParseResult r = Parsed.text(dir, "global_defs {\n dual_master_step_down_advert " + off + "\n}\n"
                    + String.format(VI, ""));
            assertThat(r.config().globalDefs().dualMasterStepDownAdvert()).as(off).isFalse();
            assertThat(r.diagnostics().distinctLines()).noneMatch(l -> l.contains("dual_master_step_down_advert"));
        }
        ParseResult bare = Parsed.text(dir, "global_defs {\n dual_master_step_down_advert\n}\n" + String.format(VI, ""));
        assertThat(bare.config().globalDefs().dualMasterStepDownAdvert()).isTrue();
        ParseResult bad = Parsed.text(dir, "global_defs {\n dual_master_step_down_advert sometimes\n}\n"
                + String.format(VI, ""));
        assertThat(bad.diagnostics().distinctLines())
                .anyMatch(l -> l.contains("Invalid value for dual_master_step_down_advert specified"));
        assertThat(bad.config().globalDefs().dualMasterStepDownAdvert()).isTrue();
        assertThat(org.jkeepalived.config.parse.KeywordDefinitions.table().allKeywords())
                .filteredOn(k -> k.path().equals("global_defs > dual_master_step_down_advert"))
                .singleElement().satisfies(k -> assertThat(k.extension()).isTrue());
    }
}
