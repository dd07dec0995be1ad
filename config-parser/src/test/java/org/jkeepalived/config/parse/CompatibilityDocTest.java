package org.jkeepalived.config.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/compatibility.md lists exactly the keywords the table marks as newer than 2.2.7. */
class CompatibilityDocTest {
    @Test
    void everyNewerKeywordIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("../docs/compatibility.md"));
        for (Keyword k : KeywordDefinitions.table().allKeywords()) {
            if (k.newerThan227()) {
                assertThat(doc).as("docs/compatibility.md lists %s", k.path())
                        .contains("| `" + k.path() + "` | " + k.since() + " |");
            }
        }
    }

    @Test
    void tableHoldsTheWhole227KeywordSet() {
        KeywordTable t = KeywordDefinitions.table();
        assertThat(t.allPaths()).contains("vrrp_instance > authentication > auth_pass",
                "virtual_server > real_server > SMTP_CHECK > host > connect_ip", "bfd_instance > neighbor_ip",
                "vrrp_track_process > quorum_max", "global_defs > vrrp_iptables", "linkbeat_interfaces");
        assertThat(t.allPaths()).doesNotContain("global_defs > vrrp_ipsets");
        assertThat(t.allKeywords().stream().filter(k -> !k.newerThan227()).count()).isGreaterThan(480);
    }
}
