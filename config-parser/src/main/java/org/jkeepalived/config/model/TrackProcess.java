package org.jkeepalived.config.model;

import java.util.List;

/**
 * A {@code vrrp_track_process}.
 *
 * @param name              tracker name
 * @param process           process name and parameters
 * @param paramMatch        "exact", "initial" or "partial"
 * @param weight            weight
 * @param reverse           weight reversed
 * @param quorum            minimum number of processes
 * @param quorumMax         maximum number of processes (-1 = unlimited)
 * @param forkDelayMicros   delay before a new process counts
 * @param terminateDelayMicros delay before a lost process counts
 * @param fullCommand       match the full command line
 */
public record TrackProcess(String name, List<String> process, String paramMatch, int weight, boolean reverse,
                           int quorum, int quorumMax, long forkDelayMicros, long terminateDelayMicros,
                           boolean fullCommand) {
    public TrackProcess {
        process = List.copyOf(process);
    }
}
