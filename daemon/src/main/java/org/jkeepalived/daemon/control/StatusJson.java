package org.jkeepalived.daemon.control;

import java.util.Map;

/**
 * The {@code /status} and {@code status-json} document: a {@link Snapshot} as JSON (schema in
 * docs/observability.md). Times are milliseconds since the epoch; 0 means "never". Stateless.
 */
public final class StatusJson {
    /** Bumped when a field changes meaning or disappears (additions keep it). */
    public static final int SCHEMA_VERSION = 1;

    private StatusJson() {
    }

    public static String render(Snapshot snapshot) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("schema").value(SCHEMA_VERSION);
        json.name("taken_ms").value(snapshot.takenMillis());
        Snapshot.DaemonInfo d = snapshot.daemon();
        json.name("daemon").beginObject()
                .name("version").value(d.version())
                .name("pid").value(d.pid())
                .name("start_ms").value(d.startMillis())
                .name("config_file").value(d.configFile())
                .name("reloads").value(d.reloads())
                .endObject();
        json.name("instances").beginArray();
        for (Snapshot.InstanceStatus i : snapshot.instances()) {
            instance(json, i);
        }
        json.endArray();
        json.name("sync_groups").beginArray();
        for (Snapshot.GroupStatus g : snapshot.syncGroups()) {
            json.beginObject().name("name").value(g.name()).name("state").value(g.state()).name("members").beginArray();
            g.members().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray();
        return json.endObject().toString();
    }

    private static void instance(JsonWriter json, Snapshot.InstanceStatus i) {
        json.beginObject()
                .name("name").value(i.name())
                .name("vrid").value(i.vrid())
                .name("interface").value(i.interfaceName())
                .name("family").value(i.family())
                .name("version").value(i.version())
                .name("state").value(i.state())
                .name("base_priority").value(i.basePriority())
                .name("effective_priority").value(i.effectivePriority())
                .name("demoted").value(i.demoted())
                .name("demoted_until_ms").value(i.demotedUntilMillis())
                .name("master_address").value(i.masterAddress())
                .name("advert_interval_ms").value(i.advertIntervalMillis())
                .name("master_down_interval_ms").value(i.masterDownMillis())
                .name("transitions").value(i.transitions())
                .name("last_transition_ms").value(i.lastTransitionMillis());
        json.name("vips").beginArray();
        for (Snapshot.VipStatus v : i.vips()) {
            json.beginObject().name("address").value(v.address()).name("device").value(v.device())
                    .name("present").value(v.present()).endObject();
        }
        json.endArray();
        json.name("stats").beginObject();
        for (Map.Entry<String, Long> e : i.counters().entrySet()) {
            json.name(e.getKey()).value(e.getValue());
        }
        json.name("garp_sent").value(i.garpSent())
                .name("dual_master_episodes").value(i.dualMasterEpisodes())
                .name("dual_master_seconds").value(i.dualMasterSeconds());
        json.endObject();
        json.name("dual_master").beginObject()
                .name("active").value(i.dualMasterActive())
                .name("peer").value(i.dualMasterPeer())
                .name("episodes").value(i.dualMasterEpisodes())
                .name("seconds").value(i.dualMasterSeconds())
                .endObject();
        json.name("rejected").beginObject();
        for (Map.Entry<String, Long> e : i.rejected().entrySet()) {
            json.name(e.getKey()).value(e.getValue());
        }
        json.endObject();
        json.name("trackers").beginArray();
        for (Snapshot.TrackerStatus t : i.trackers()) {
            json.beginObject().name("name").value(t.name()).name("type").value(t.type()).name("state").value(t.state())
                    .name("up").value(t.up()).name("weight").value(t.weight()).endObject();
        }
        json.endArray();
        json.endObject();
    }
}
