package org.jkeepalived.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON writer and the /status document, parsed back with a strict parser. */
class StatusJsonTest {

    @Test
    void writerEscapesStringsAndSeparatesMembers() {
        String json = new JsonWriter().beginObject()
                .name("s").value("q\"b\\n\nt\tc\u0001\u2028")
                .name("n").value((String) null)
                .name("a").beginArray().value(1).value(2.5).value(true).beginObject().endObject().endArray()
                .name("nan").value(Double.NaN)
                .endObject().toString();
        assertThat(json).isEqualTo("{\"s\":\"q\\\"b\\\\n\\nt\\tc\\u0001\\u2028\",\"n\":null,\"a\":[1,2.5,true,{}],\"nan\":null}");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) MiniJson.parse(json);
        assertThat(parsed.get("s")).isEqualTo("q\"b\\n\nt\tc\u0001\u2028");
        assertThat(parsed.get("a")).isEqualTo(List.of(1L, 2.5, true, Map.of()));
    }

    @Test
    void writerRefusesAnUnclosedDocument() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().toString()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().endArray()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusDocumentHasTheDocumentedSchema() {
        Map<String, Object> doc = (Map<String, Object>) MiniJson.parse(StatusJson.render(Snapshots.sample()));
        assertThat(doc).containsKeys("schema", "taken_ms", "daemon", "instances", "sync_groups");
        assertThat((Map<String, Object>) doc.get("daemon")).containsEntry("pid", 4242L).containsEntry("reloads", 2L)
                .containsEntry("config_file", "/etc/keepalived/keepalived.conf");
        List<Map<String, Object>> instances = (List<Map<String, Object>>) doc.get("instances");
        Map<String, Object> vi1 = instances.get(0);
        assertThat(vi1).containsEntry("name", "VI_1").containsEntry("vrid", 51L).containsEntry("state", "MASTER")
                .containsEntry("master_address", "192.0.2.11").containsEntry("master_down_interval_ms", 3414L)
                .containsEntry("demoted", false).containsEntry("transitions", 3L);
        assertThat((Map<String, Object>) vi1.get("stats")).containsEntry("advert_rcvd", 11L)
                .containsEntry("garp_sent", 5L).containsEntry("dual_master_seconds", 2.5);
        assertThat((Map<String, Object>) vi1.get("dual_master")).containsExactly(Map.entry("active", true),
                Map.entry("peer", "192.0.2.12"), Map.entry("episodes", 1L), Map.entry("seconds", 2.5));
        assertThat((Map<String, Object>) vi1.get("rejected")).containsEntry("TTL", 3L);
        assertThat((List<Object>) vi1.get("vips")).containsExactly(
                Map.of("address", "192.0.2.100/24", "device", "eth0", "present", true));
        assertThat((List<Object>) vi1.get("trackers")).containsExactly(Map.of("name", "chk_\"nginx\"\\x\ny",
                "type", "script", "state", "GOOD", "up", true, "weight", -60L));
        Map<String, Object> vi2 = instances.get(1);
        assertThat(vi2).containsEntry("name", "VI_\"2\"").containsEntry("master_address", null)
                .containsEntry("demoted", true).containsEntry("demoted_until_ms", 1_763_790_300_000L);
        Map<String, Object> quiet = new java.util.LinkedHashMap<>();
        quiet.put("active", false);
        quiet.put("peer", null);
        quiet.put("episodes", 0L);
        quiet.put("seconds", 0L);
        assertThat((Map<String, Object>) vi2.get("dual_master")).isEqualTo(quiet);
        assertThat((List<Object>) doc.get("sync_groups")).containsExactly(
                Map.of("name", "SG1", "state", "MASTER", "members", List.of("VI_1")));
    }

    @Test
    void statusTableShowsEveryInstanceAndTheDemotion() {
        String table = StatusTable.render(Snapshots.sample());
        assertThat(table).startsWith("jkeepalived vtest, pid 4242, up 1m40s, config /etc/keepalived/keepalived.conf, reloads 2\n");
        assertThat(table).contains("VI_1", "MASTER", "150/150", "192.0.2.11", "192.0.2.100/24*", "3.41s",
                "1/100 demoted until 2025-11-22 05:45:00Z", "chk_\"nginx\"", "SG1");
        assertThat(table.lines().filter(l -> l.startsWith("INSTANCE")).count()).isEqualTo(3);
    }

    @Test
    void statusTableShowsAnOpenDualMasterEpisodeAndItsPeer() {
        String table = StatusTable.render(Snapshots.sample());
        assertThat(table).contains("WARNING: VI_1 dual master: 192.0.2.12 also advertises as master for VRID 51\n");
        assertThat(table.lines().filter(l -> l.startsWith("WARNING:")).count()).isEqualTo(1);
        assertThat(table.lines().filter(l -> l.startsWith("VI_1 ") && l.endsWith("1 (2.5s) NOW with 192.0.2.12")))
                .hasSize(1);
        assertThat(table.lines().filter(l -> l.startsWith("VI_\"2\" ") && l.endsWith("  0 (0.0s)"))).hasSize(1);
    }
}
