package org.jkeepalived.daemon.control;

import java.util.List;
import java.util.Map;

/**
 * Everything the status API and the metrics show, as of one moment on the event loop. Immutable
 * (records of immutable lists and maps), so any thread may read it once published.
 *
 * @param takenMillis wall-clock time the snapshot was built
 * @param daemon      the process
 * @param instances   every running VRRP instance, in configuration order
 * @param syncGroups  every sync group, in configuration order
 */
public record Snapshot(long takenMillis, DaemonInfo daemon, List<InstanceStatus> instances,
                       List<GroupStatus> syncGroups) {

    public Snapshot {
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
    }

    /** Before the VRRP instances have started. */
    public static Snapshot starting(DaemonInfo daemon) {
        return new Snapshot(System.currentTimeMillis(), daemon, List.of(), List.of());
    }

    /**
     * @param version     jkeepalived's version line
     * @param pid         process id
     * @param startMillis wall-clock start time
     * @param configFile  the configuration file in use
     * @param reloads     SIGHUP reloads handled since start
     */
    public record DaemonInfo(String version, long pid, long startMillis, String configFile, long reloads) {
    }

    /**
     * One VRRP instance.
     *
     * @param name                   instance name
     * @param vrid                   virtual router id
     * @param interfaceName          the interface it receives on
     * @param family                 "inet" or "inet6"
     * @param version                VRRP version, 2 or 3
     * @param state                  INIT, BACKUP, MASTER or FAULT
     * @param basePriority           configured priority (254 after a two-owner back-off)
     * @param effectivePriority      priority advertised now (1 while demoted)
     * @param demoted                a planned handover is in force
     * @param demotedUntilMillis     wall-clock end of a timed demotion, 0 for none or until promoted
     * @param masterAddress          the current master's address as seen in adverts (ours when
     *                               MASTER), or null when unknown
     * @param advertIntervalMillis   Master_Adver_Interval in milliseconds
     * @param masterDownMillis       Master_Down_Interval in milliseconds, at the effective priority
     * @param vips                   the virtual addresses
     * @param transitions            state changes since start
     * @param lastTransitionMillis   wall-clock time of the last one, 0 before the first
     * @param counters               keepalived's statistics, by keepalived's names, in its order
     * @param garpSent               gratuitous ARPs and unsolicited NAs sent
     * @param rejected               packets rejected, by reason ({@code AdvertCheck} names), all reasons
     * @param dualMasterEpisodes     episodes with another master for our VRID while MASTER
     * @param dualMasterSeconds      time spent in them (first to last advert heard from the other master)
     * @param dualMasterPeer         the other master's address while an episode is open, else null
     * @param trackers               what the instance tracks
     */
    public record InstanceStatus(String name, int vrid, String interfaceName, String family, int version,
                                 String state, int basePriority, int effectivePriority, boolean demoted,
                                 long demotedUntilMillis, String masterAddress, long advertIntervalMillis,
                                 long masterDownMillis, List<VipStatus> vips, long transitions,
                                 long lastTransitionMillis, Map<String, Long> counters, long garpSent,
                                 Map<String, Long> rejected, long dualMasterEpisodes, double dualMasterSeconds,
                                 String dualMasterPeer, List<TrackerStatus> trackers) {
        public InstanceStatus {
            vips = List.copyOf(vips);
            counters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
            rejected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejected));
            trackers = List.copyOf(trackers);
        }

        /** True while a dual-master episode is open (docs/dual-master.md). */
        public boolean dualMasterActive() {
            return dualMasterPeer != null;
        }
    }

    /**
     * @param address   address/prefix as configured ({@code 192.0.2.100/24})
     * @param device    interface it is added to
     * @param present   held by this node now: the instance is MASTER and the address was added
     *                  without error
     */
    public record VipStatus(String address, String device, boolean present) {
    }

    /**
     * @param name   tracker name (script, file, process or interface)
     * @param type   script, file, process or interface
     * @param state  script INIT/GOOD/BAD; interface and process UP/DOWN; file the value read
     * @param up     the source is in its good state (script GOOD, interface running, process
     *               quorum met, file value 0)
     * @param weight the weight this instance tracks it with (0: failure means FAULT)
     */
    public record TrackerStatus(String name, String type, String state, boolean up, int weight) {
    }

    /**
     * @param name    group name
     * @param state   INIT, BACKUP, MASTER or FAULT
     * @param members member instance names
     */
    public record GroupStatus(String name, String state, List<String> members) {
        public GroupStatus {
            members = List.copyOf(members);
        }
    }
}
