package org.jkeepalived.vrrp.sim;

import java.util.List;
import org.jkeepalived.vrrp.codec.IpFamily;

/**
 * A whole simulation run as data: nodes, their configuration, the fault schedule and when the
 * network has been quiet long enough for convergence to be required.
 *
 * @param seed          the seed that generated it (replay with {@code -Dseed=N})
 * @param kind          CHAOS, LINK_CUT, PRIORITY_ZERO, PARTITION or DEMOTE (a planned handover and back)
 * @param nodes         per-node configuration
 * @param vrids         how many VRIDs every node runs (2 = in a sync group when {@code syncGroup})
 * @param syncGroup     put each node's instances in one sync group
 * @param version       2 or 3
 * @param faults        the fault schedule, in time order
 * @param quietAt       from here on no more faults; network lossless
 * @param checkAt       convergence must hold from here on
 * @param endAt         end of the run
 * @param partitionCheckFrom PARTITION: from here until {@code partitionCheckTo} every side of the
 *                      partition must have exactly one MASTER (and no transitions); else -1
 * @param partitionCheckTo   end of that window (the heal)
 * @param family        IPv4 or IPv6 (v3 only)
 * @param unicast       adverts go to each other node as unicast peers (IPv4 only)
 */
record Scenario(long seed, Kind kind, List<NodeSpec> nodes, int vrids, boolean syncGroup, int version,
                List<Fault> faults, long quietAt, long checkAt, long endAt, long partitionCheckFrom,
                long partitionCheckTo, IpFamily family, boolean unicast) {

    enum Kind { CHAOS, LINK_CUT, PRIORITY_ZERO, PARTITION, DEMOTE }

    /**
     * @param priority       base priority (1..255)
     * @param intervalCentis advert interval
     * @param nopreempt      {@code nopreempt}
     * @param preemptDelayNanos {@code preempt_delay}
     * @param trackerWeight  weight of the node's tracked script (0 = failure means FAULT)
     */
    record NodeSpec(int priority, int intervalCentis, boolean nopreempt, long preemptDelayNanos, int trackerWeight) {
    }
}
