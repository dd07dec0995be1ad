package org.jkeepalived.daemon.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable form of a {@link Snapshot} that {@code jkeepalived status} prints: a header line,
 * then aligned tables of instances, demotions, trackers, sync groups and counters. Times are
 * UTC. Stateless.
 */
public final class StatusTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private StatusTable() {
    }

    public static String render(Snapshot s) {
        StringBuilder out = new StringBuilder();
        Snapshot.DaemonInfo d = s.daemon();
        out.append(d.version()).append(", pid ").append(d.pid()).append(", up ")
                .append(duration(s.takenMillis() - d.startMillis())).append(", config ").append(d.configFile())
                .append(", reloads ").append(d.reloads()).append('\n');
        if (s.instances().isEmpty()) {
            out.append("\nno VRRP instance running\n");
            return out.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"INSTANCE", "VRID", "INTERFACE", "STATE", "PRIORITY", "MASTER", "ADVERT", "DOWN",
                "VIPS", "CHANGES", "LAST CHANGE"});
        for (Snapshot.InstanceStatus i : s.instances()) {
            rows.add(new String[] {i.name(), Integer.toString(i.vrid()), i.interfaceName() + " " + i.family() + " v"
                    + i.version(), i.state(), priority(i), i.masterAddress() == null ? "-" : i.masterAddress(),
                    seconds(i.advertIntervalMillis()), seconds(i.masterDownMillis()), vips(i),
                    Long.toString(i.transitions()), time(i.lastTransitionMillis())});
        }
        table(out.append('\n'), rows);
        dualMasterWarnings(out, s);
        counters(out, s);
        trackers(out, s);
        if (!s.syncGroups().isEmpty()) {
            List<String[]> groups = new ArrayList<>();
            groups.add(new String[] {"SYNC GROUP", "STATE", "MEMBERS"});
            s.syncGroups().forEach(g -> groups.add(new String[] {g.name(), g.state(), String.join(",", g.members())}));
            table(out.append('\n'), groups);
        }
        return out.toString();
    }

    private static void counters(StringBuilder out, Snapshot s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"INSTANCE", "ADVERT RCVD", "ADVERT SENT", "BECAME MASTER", "RELEASED MASTER",
                "PRIO 0 RCVD", "PRIO 0 SENT", "GARP/NA SENT", "REJECTED", "DUAL MASTER"});
        for (Snapshot.InstanceStatus i : s.instances()) {
            long rejected = i.rejected().values().stream().mapToLong(Long::longValue).sum();
            rows.add(new String[] {i.name(), count(i, "advert_rcvd"), count(i, "advert_sent"),
                    count(i, "become_master"), count(i, "release_master"), count(i, "pri_zero_rcvd"),
                    count(i, "pri_zero_sent"), Long.toString(i.garpSent()), Long.toString(rejected),
                    dualMaster(i)});
        }
        table(out.append('\n'), rows);
    }

    /** Episodes and seconds, and the other master while an episode is open. */
    private static String dualMaster(Snapshot.InstanceStatus i) {
        String total = i.dualMasterEpisodes() + " (" + String.format(java.util.Locale.ROOT, "%.1fs",
                i.dualMasterSeconds()) + ")";
        return i.dualMasterActive() ? total + " NOW with " + i.dualMasterPeer() : total;
    }

    /** One line per instance with an open episode, under the instance table: the 3 a.m. line. */
    private static void dualMasterWarnings(StringBuilder out, Snapshot s) {
        for (Snapshot.InstanceStatus i : s.instances()) {
            if (i.dualMasterActive()) {
                out.append("WARNING: ").append(i.name()).append(" dual master: ").append(i.dualMasterPeer())
                        .append(" also advertises as master for VRID ").append(i.vrid()).append('\n');
            }
        }
    }

    private static void trackers(StringBuilder out, Snapshot s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"INSTANCE", "TRACKER", "TYPE", "STATE", "WEIGHT"});
        for (Snapshot.InstanceStatus i : s.instances()) {
            for (Snapshot.TrackerStatus t : i.trackers()) {
                rows.add(new String[] {i.name(), t.name(), t.type(), t.state(), Integer.toString(t.weight())});
            }
        }
        if (rows.size() > 1) {
            table(out.append('\n'), rows);
        }
    }

    private static String priority(Snapshot.InstanceStatus i) {
        String p = i.effectivePriority() + "/" + i.basePriority();
        if (!i.demoted()) {
            return p;
        }
        return p + " demoted" + (i.demotedUntilMillis() > 0 ? " until " + time(i.demotedUntilMillis()) : "");
    }

    private static String vips(Snapshot.InstanceStatus i) {
        if (i.vips().isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        for (Snapshot.VipStatus v : i.vips()) {
            parts.add(v.address() + (v.present() ? "*" : ""));
        }
        return String.join(",", parts);
    }

    private static String count(Snapshot.InstanceStatus i, String name) {
        Long value = i.counters().get(name);
        return value == null ? "-" : value.toString();
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.2fs", millis / 1000.0);
    }

    static String time(long millis) {
        return millis <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(millis));
    }

    static String duration(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        if (d.toHours() > 0) {
            return d.toHours() + "h" + String.format("%02dm", d.toMinutesPart());
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + String.format("%02ds", d.toSecondsPart())
                : d.toSeconds() + "s";
    }

    /** Left-aligned columns, two spaces apart; the first row is the heading. */
    static void table(StringBuilder out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(width[c] - row[c].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
