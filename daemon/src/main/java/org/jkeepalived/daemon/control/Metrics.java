package org.jkeepalived.daemon.control;

import static org.jkeepalived.daemon.control.PrometheusWriter.Type.COUNTER;
import static org.jkeepalived.daemon.control.PrometheusWriter.Type.GAUGE;

import java.util.List;
import java.util.Map;

/**
 * The {@code /metrics} exposition of a {@link Snapshot}. keepalived's counters keep the names
 * users already graph with the keepalived exporters ({@code keepalived_advert_rcvd_total},
 * {@code keepalived_vrrp_state}, labels {@code iname}, {@code intf}, {@code vrid}); what keepalived
 * has no counter for is under {@code jkeepalived_}. Every metric is described in
 * docs/observability.md. Stateless.
 */
public final class Metrics {
    /** keepalived's numeric states, as {@code keepalived_vrrp_state} reports them. */
    static final List<String> STATES = List.of("INIT", "BACKUP", "MASTER", "FAULT");

    private static final Map<String, String> KEEPALIVED_COUNTERS = Map.ofEntries(
            Map.entry("advert_rcvd", "Advertisements received"),
            Map.entry("advert_sent", "Advertisements sent"),
            Map.entry("become_master", "Times the instance became MASTER"),
            Map.entry("release_master", "Times the instance left MASTER"),
            Map.entry("packet_len_err", "Packets with a length error"),
            Map.entry("ip_ttl_err", "Packets with a wrong TTL / hop limit"),
            Map.entry("invalid_type_rcvd", "Packets with an invalid VRRP type"),
            Map.entry("advert_interval_err", "Adverts with another advert interval"),
            Map.entry("addr_list_err", "Adverts with another virtual address list"),
            Map.entry("invalid_authtype", "Packets with an invalid authentication type"),
            Map.entry("authtype_mismatch", "Packets with another authentication type"),
            Map.entry("auth_failure", "Packets failing authentication"),
            Map.entry("pri_zero_rcvd", "Priority-0 adverts received"),
            Map.entry("pri_zero_sent", "Priority-0 adverts sent"));

    private Metrics() {
    }

    public static String render(Snapshot snapshot) {
        PrometheusWriter w = new PrometheusWriter();
        declare(w);
        Snapshot.DaemonInfo d = snapshot.daemon();
        w.sample("keepalived_up", 1);
        w.sample("jkeepalived_build_info", 1, "version", d.version(), "java_version",
                System.getProperty("java.version", ""));
        w.sample("jkeepalived_start_time_seconds", d.startMillis() / 1000.0);
        w.sample("jkeepalived_reloads_total", d.reloads());
        w.sample("jkeepalived_snapshot_timestamp_seconds", snapshot.takenMillis() / 1000.0);
        for (Snapshot.InstanceStatus i : snapshot.instances()) {
            instance(w, i);
        }
        for (Snapshot.GroupStatus g : snapshot.syncGroups()) {
            for (String state : STATES) {
                w.sample("jkeepalived_sync_group_state", g.state().equals(state) ? 1 : 0, "group", g.name(),
                        "state", state);
            }
        }
        return w.render();
    }

    private static void declare(PrometheusWriter w) {
        w.family("keepalived_up", GAUGE, "Whether the VRRP daemon is up (always 1 when this endpoint answers)");
        w.family("keepalived_vrrp_state", GAUGE,
                "VRRP state as keepalived numbers it: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT (one series per VIP)");
        KEEPALIVED_COUNTERS.keySet().stream().sorted().forEach(name ->
                w.family("keepalived_" + name + "_total", COUNTER, KEEPALIVED_COUNTERS.get(name)
                        + " (keepalived statistics counter " + name + ")"));
        w.family("jkeepalived_instance_state", GAUGE, "1 for the instance's current state, 0 for the others");
        w.family("jkeepalived_effective_priority", GAUGE, "Priority advertised now (1 while demoted)");
        w.family("jkeepalived_base_priority", GAUGE, "Configured priority");
        w.family("jkeepalived_demoted", GAUGE, "1 while a planned handover (jkeepalived demote) is in force");
        w.family("jkeepalived_advert_interval_seconds", GAUGE, "Master_Adver_Interval");
        w.family("jkeepalived_master_down_interval_seconds", GAUGE, "Master_Down_Interval at the effective priority");
        w.family("jkeepalived_transitions_total", COUNTER, "State changes to MASTER, BACKUP or FAULT");
        w.family("jkeepalived_last_transition_timestamp_seconds", GAUGE,
                "Unix time of the last state change (0 before the first)");
        w.family("jkeepalived_garp_sent_total", COUNTER, "Gratuitous ARPs and unsolicited neighbour advertisements sent");
        w.family("jkeepalived_invalid_packets_total", COUNTER, "Packets for the instance rejected, by reason");
        w.family("jkeepalived_dual_master_episodes_total", COUNTER,
                "Episodes in which another router advertised as MASTER for our VRID while we were MASTER");
        w.family("jkeepalived_dual_master_seconds_total", COUNTER, "Time spent in dual-master episodes");
        w.family("jkeepalived_dual_master_active", GAUGE,
                "1 while a dual-master episode is open: another router advertises as MASTER for our VRID");
        w.family("jkeepalived_vip_present", GAUGE, "1 when this node holds the virtual address");
        w.family("jkeepalived_tracker_up", GAUGE,
                "1 when a tracked object is in its good state (script GOOD, interface or process up, file value 0)");
        w.family("jkeepalived_tracker_weight", GAUGE, "Weight the instance tracks the object with (0: failure means FAULT)");
        w.family("jkeepalived_sync_group_state", GAUGE, "1 for the sync group's current state, 0 for the others");
        w.family("jkeepalived_build_info", GAUGE, "Version of the running daemon");
        w.family("jkeepalived_start_time_seconds", GAUGE, "Unix time the daemon started");
        w.family("jkeepalived_reloads_total", COUNTER, "Configuration reloads (SIGHUP) handled");
        w.family("jkeepalived_snapshot_timestamp_seconds", GAUGE,
                "Unix time the event loop last published its state (stale by more than 2 s: the loop is stuck)");
    }

    private static void instance(PrometheusWriter w, Snapshot.InstanceStatus i) {
        String vrid = Integer.toString(i.vrid());
        String[] id = {"iname", i.name(), "intf", i.interfaceName(), "vrid", vrid};
        int stateNumber = STATES.indexOf(i.state());
        if (i.vips().isEmpty()) {
            w.sample("keepalived_vrrp_state", stateNumber, with(id, "ip_address", ""));
        }
        for (Snapshot.VipStatus vip : i.vips()) {
            w.sample("keepalived_vrrp_state", stateNumber, with(id, "ip_address", vip.address()));
            w.sample("jkeepalived_vip_present", vip.present() ? 1 : 0, "iname", i.name(), "vrid", vrid,
                    "ip_address", vip.address());
        }
        for (Map.Entry<String, Long> counter : i.counters().entrySet()) {
            if (KEEPALIVED_COUNTERS.containsKey(counter.getKey())) {
                w.sample("keepalived_" + counter.getKey() + "_total", counter.getValue(), id);
            }
        }
        for (String state : STATES) {
            w.sample("jkeepalived_instance_state", i.state().equals(state) ? 1 : 0, with(id, "state", state));
        }
        w.sample("jkeepalived_effective_priority", i.effectivePriority(), id);
        w.sample("jkeepalived_base_priority", i.basePriority(), id);
        w.sample("jkeepalived_demoted", i.demoted() ? 1 : 0, id);
        w.sample("jkeepalived_advert_interval_seconds", i.advertIntervalMillis() / 1000.0, id);
        w.sample("jkeepalived_master_down_interval_seconds", i.masterDownMillis() / 1000.0, id);
        w.sample("jkeepalived_transitions_total", i.transitions(), id);
        w.sample("jkeepalived_last_transition_timestamp_seconds", i.lastTransitionMillis() / 1000.0, id);
        w.sample("jkeepalived_garp_sent_total", i.garpSent(), id);
        for (Map.Entry<String, Long> rejected : i.rejected().entrySet()) {
            w.sample("jkeepalived_invalid_packets_total", rejected.getValue(),
                    with(id, "reason", rejected.getKey().toLowerCase(java.util.Locale.ROOT)));
        }
        w.sample("jkeepalived_dual_master_episodes_total", i.dualMasterEpisodes(), id);
        w.sample("jkeepalived_dual_master_seconds_total", i.dualMasterSeconds(), id);
        w.sample("jkeepalived_dual_master_active", i.dualMasterActive() ? 1 : 0, id);
        for (Snapshot.TrackerStatus t : i.trackers()) {
            String[] tracker = with(with(new String[] {"iname", i.name()}, "tracker", t.name()), "type", t.type());
            w.sample("jkeepalived_tracker_up", t.up() ? 1 : 0, tracker);
            w.sample("jkeepalived_tracker_weight", t.weight(), tracker);
        }
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
        out[labels.length] = name;
        out[labels.length + 1] = value;
        return out;
    }
}
