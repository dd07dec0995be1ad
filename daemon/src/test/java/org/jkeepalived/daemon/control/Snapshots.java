package org.jkeepalived.daemon.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A synthetic snapshot with awkward names, for the renderers' tests. */
final class Snapshots {
    private Snapshots() {
    }

    static Snapshot sample() {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String name : new String[] {"advert_rcvd", "advert_sent", "become_master", "release_master",
                "packet_len_err", "ip_ttl_err", "invalid_type_rcvd", "advert_interval_err", "addr_list_err",
                "invalid_authtype", "authtype_mismatch", "auth_failure", "pri_zero_rcvd", "pri_zero_sent"}) {
            counters.put(name, (long) name.length());
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        rejected.put("TTL", 3L);
        rejected.put("CHECKSUM", 0L);
        Snapshot.InstanceStatus vi1 = new Snapshot.InstanceStatus("VI_1", 51, "eth0", "inet", 2, "MASTER", 150, 150,
                false, 0, "192.0.2.11", 1000, 3414, List.of(new Snapshot.VipStatus("192.0.2.100/24", "eth0", true)),
                3, 1_763_790_000_123L, counters, 5, rejected, 1, 2.5, "192.0.2.12",
                List.of(new Snapshot.TrackerStatus("chk_\"nginx\"\\x\ny", "script", "GOOD", true, -60)));
        Snapshot.InstanceStatus vi2 = new Snapshot.InstanceStatus("VI_\"2\"", 52, "eth1", "inet6", 3, "BACKUP", 100, 1,
                true, 1_763_790_300_000L, null, 100, 1_296, List.of(), 0, 0, counters, 0, rejected, 0, 0,
                null, List.of());
        return new Snapshot(1_763_790_100_000L, new Snapshot.DaemonInfo("jkeepalived vtest", 4242, 1_763_790_000_000L,
                "/etc/keepalived/keepalived.conf", 2), List.of(vi1, vi2),
                List.of(new Snapshot.GroupStatus("SG1", "MASTER", List.of("VI_1"))));
    }
}
