package org.jkeepalived.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus text format 0.0.4: the writer and the /metrics rendering, checked line by line. */
class PrometheusWriterTest {

    @Test
    void escapesLabelValuesAndHelpAsTheFormatRequires() {
        String text = new PrometheusWriter()
                .family("x_total", PrometheusWriter.Type.COUNTER, "a \\ b\nc")
                .sample("x_total", 1, "name", "q\"uote\\back\nline")
                .render();
        assertThat(text).isEqualTo("# HELP x_total a \\\\ b\\nc\n# TYPE x_total counter\n"
                + "x_total{name=\"q\\\"uote\\\\back\\nline\"} 1\n");
        assertThat(ExpositionFormat.check(text)).containsKey("x_total{name=\"q\\\"uote\\\\back\\nline\"}");
    }

    @Test
    void groupsInterleavedSamplesUnderOneHeaderAndLeavesEmptyFamiliesOut() {
        PrometheusWriter w = new PrometheusWriter()
                .family("a", PrometheusWriter.Type.GAUGE, "A")
                .family("b", PrometheusWriter.Type.GAUGE, "B")
                .family("empty", PrometheusWriter.Type.GAUGE, "nothing");
        w.sample("a", 1, "i", "1").sample("b", 2, "i", "1").sample("a", 3, "i", "2");
        String text = w.render();
        assertThat(text).isEqualTo("# HELP a A\n# TYPE a gauge\na{i=\"1\"} 1\na{i=\"2\"} 3\n# HELP b B\n# TYPE b gauge\nb{i=\"1\"} 2\n");
        ExpositionFormat.check(text);
    }

    @Test
    void formatsNumbersInTheFormatsSpelling() {
        assertThat(PrometheusWriter.formatValue(3)).isEqualTo("3");
        assertThat(PrometheusWriter.formatValue(2.5)).isEqualTo("2.5");
        assertThat(PrometheusWriter.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusWriter.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusWriter.formatValue(1.763790000123E9)).isEqualTo("1763790000.123");
        assertThat(PrometheusWriter.formatValue(3.414)).isEqualTo("3.414");
        assertThat(PrometheusWriter.formatValue(1e-9)).isEqualTo("1.0E-9");
        assertThat(Double.parseDouble(PrometheusWriter.formatValue(1.763790000123E9))).isEqualTo(1.763790000123E9);
    }

    @Test
    void rejectsInvalidNamesAndUndeclaredFamilies() {
        PrometheusWriter w = new PrometheusWriter();
        assertThatThrownBy(() -> w.family("1bad", PrometheusWriter.Type.GAUGE, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        w.family("ok", PrometheusWriter.Type.GAUGE, "x");
        assertThatThrownBy(() -> w.family("ok", PrometheusWriter.Type.COUNTER, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.sample("ok", 1, "bad-label", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.sample("ok", 1, "__reserved", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.sample("nope", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metricsOfASnapshotAreValidAndCarryKeepalivedsNames() {
        String text = Metrics.render(Snapshots.sample());
        Map<String, Double> samples = ExpositionFormat.check(text);
        String vi1 = "iname=\"VI_1\",intf=\"eth0\",vrid=\"51\"";
        assertThat(samples).containsEntry("keepalived_up", 1.0)
                .containsEntry("keepalived_vrrp_state{" + vi1 + ",ip_address=\"192.0.2.100/24\"}", 2.0)
                .containsEntry("keepalived_advert_rcvd_total{" + vi1 + "}", 11.0)
                .containsEntry("keepalived_pri_zero_sent_total{" + vi1 + "}", 13.0)
                .containsEntry("jkeepalived_instance_state{" + vi1 + ",state=\"MASTER\"}", 1.0)
                .containsEntry("jkeepalived_instance_state{" + vi1 + ",state=\"BACKUP\"}", 0.0)
                .containsEntry("jkeepalived_effective_priority{" + vi1 + "}", 150.0)
                .containsEntry("jkeepalived_master_down_interval_seconds{" + vi1 + "}", 3.414)
                .containsEntry("jkeepalived_invalid_packets_total{" + vi1 + ",reason=\"ttl\"}", 3.0)
                .containsEntry("jkeepalived_dual_master_seconds_total{" + vi1 + "}", 2.5)
                .containsEntry("jkeepalived_dual_master_episodes_total{" + vi1 + "}", 1.0)
                .containsEntry("jkeepalived_dual_master_active{" + vi1 + "}", 1.0)
                .containsEntry("jkeepalived_dual_master_active{iname=\"VI_\\\"2\\\"\",intf=\"eth1\",vrid=\"52\"}", 0.0)
                .containsEntry("jkeepalived_last_transition_timestamp_seconds{" + vi1 + "}", 1_763_790_000.123)
                .containsEntry("jkeepalived_vip_present{iname=\"VI_1\",vrid=\"51\",ip_address=\"192.0.2.100/24\"}", 1.0)
                .containsEntry("jkeepalived_tracker_up{iname=\"VI_1\",tracker=\"chk_\\\"nginx\\\"\\\\x\\ny\",type=\"script\"}", 1.0)
                .containsEntry("jkeepalived_sync_group_state{group=\"SG1\",state=\"MASTER\"}", 1.0)
                .containsEntry("jkeepalived_reloads_total", 2.0)
                .containsEntry("jkeepalived_build_info{version=\"jkeepalived vtest\",java_version=\""
                        + System.getProperty("java.version") + "\"}", 1.0);
        // An instance without VIPs still has its state series; quotes in names are escaped.
        assertThat(samples).containsEntry(
                "keepalived_vrrp_state{iname=\"VI_\\\"2\\\"\",intf=\"eth1\",vrid=\"52\",ip_address=\"\"}", 1.0)
                .containsEntry("jkeepalived_demoted{iname=\"VI_\\\"2\\\"\",intf=\"eth1\",vrid=\"52\"}", 1.0);
        assertThat(text).contains("# TYPE keepalived_advert_rcvd_total counter\n",
                "# TYPE jkeepalived_effective_priority gauge\n");
    }
}
