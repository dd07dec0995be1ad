package org.jkeepalived.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jkeepalived.config.model.NotifyScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notify script that does not exist: keepalived 2.2.7's {@code -t} prints nothing and exits 0
 * (verified in a namespace), and its VRRP process logs it at startup. The parser drops it from
 * the model silently and lists it for the daemon.
 */
class InaccessibleNotifyScriptTest {

    @TempDir
    Path dir;

    @Test
    void missingNotifyScriptsAreListedWithoutADiagnostic() {
        ParseResult result = Parsed.text(dir, "global_defs {\n  script_user root\n  enable_script_security\n}\n"
                + "vrrp_sync_group SG {\n  group {\n    VI_1\n    VI_2\n  }\n  notify_backup \"/missing/group.sh arg\"\n}\n"
                + "vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 150\n"
                + "  notify_master /nonexistent/jk-notify.sh\n  notify_backup /bin/true\n"
                + "  virtual_ipaddress {\n    192.0.2.100/24\n  }\n}\n"
                + "vrrp_instance VI_2 {\n  interface eth0\n  virtual_router_id 52\n"
                + "  virtual_ipaddress {\n    192.0.2.101/24\n  }\n}\n");

        assertThat(result.diagnostics().all()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.inaccessibleNotifyScripts()).extracting(NotifyScript::argv)
                .containsExactly(List.of("/nonexistent/jk-notify.sh"), List.of("/missing/group.sh", "arg"));
        assertThat(result.config().vrrpInstances().get(0).notifyScripts()).containsOnlyKeys("notify_backup");
    }

    @Test
    void aConfigurationWithEveryScriptPresentListsNone() {
        ParseResult result = Parsed.text(dir, "global_defs {\n  script_user root\n  enable_script_security\n}\n"
                + "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  notify_master /bin/true\n"
                + "  virtual_ipaddress {\n    192.0.2.100/24\n  }\n}\n");
        assertThat(result.inaccessibleNotifyScripts()).isEmpty();
    }
}
