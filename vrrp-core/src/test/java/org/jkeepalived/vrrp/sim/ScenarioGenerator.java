package org.jkeepalived.vrrp.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.sim.Scenario.Kind;
import org.jkeepalived.vrrp.sim.Scenario.NodeSpec;
import org.jkeepalived.vrrp.state.VrrpTimers;

/** Turns a seed into a {@link Scenario}; the same seed always gives the same scenario. */
final class ScenarioGenerator {

    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    /** Node index -1 in a fault means "whichever node is MASTER of the first VRID then". */
    static final int CURRENT_MASTER = -1;

    private ScenarioGenerator() {
    }

    static Scenario generate(long seed) {
        Random random = new Random(seed);
        int roll = random.nextInt(10);
        Kind kind = roll < 5 ? Kind.CHAOS : roll < 7 ? Kind.LINK_CUT : roll < 9 ? Kind.PRIORITY_ZERO : Kind.PARTITION;
        int nodeCount = kind == Kind.PARTITION ? 3 + random.nextInt(2) : 2 + random.nextInt(3);
        int version = random.nextInt(10) < 6 ? 2 : 3;
        int interval = version == 2 ? 100 * (1 + random.nextInt(2)) : new int[] {20, 50, 100, 200}[random.nextInt(4)];
        boolean chaos = kind == Kind.CHAOS;
        // v3 routers may advertise at different intervals (backups adopt the master's); v2 may not.
        boolean mixedIntervals = version == 3 && random.nextInt(10) < 3;
        List<NodeSpec> nodes = nodes(random, nodeCount, interval, chaos, mixedIntervals);
        interval = nodes.stream().mapToInt(NodeSpec::intervalCentis).max().orElse(interval);
        int vrids = chaos && random.nextInt(10) < 3 ? 2 : 1;
        boolean syncGroup = vrids == 2 && random.nextBoolean();
        IpFamily family = version == 3 && random.nextInt(4) == 0 ? IpFamily.IPV6 : IpFamily.IPV4;
        boolean unicast = family == IpFamily.IPV4 && random.nextInt(5) == 0;
        long mdi = VrrpTimers.masterDownNanos(version, 1, interval, 3);
        long advert = VrrpTimers.centisToNanos(interval);
        List<Fault> faults = new ArrayList<>();
        long quietAt;
        long partitionCheckFrom = -1;
        long partitionCheckTo = -1;
        if (chaos) {
            quietAt = chaosFaults(random, nodeCount, mdi, faults);
        } else if (kind == Kind.PARTITION) {
            long splitAt = 2 * mdi + random.nextInt(1000) * MS;
            int[] groups = new int[nodeCount];
            for (int n = 0; n < nodeCount; n++) {
                groups[n] = n < 2 ? n : random.nextInt(2);
            }
            faults.add(new Fault.Partition(splitAt, groups));
            partitionCheckFrom = splitAt + mdi + 2 * advert + 20 * MS;
            partitionCheckTo = partitionCheckFrom + Math.max(5 * advert, 3 * S);
            faults.add(new Fault.Heal(partitionCheckTo));
            quietAt = partitionCheckTo;
        } else {
            long cutAt = 2 * mdi + random.nextInt(1000) * MS;
            long restoreAt = cutAt + 2 * mdi + random.nextInt(1000) * MS;
            faults.add(kind == Kind.LINK_CUT ? new Fault.Link(cutAt, CURRENT_MASTER, false)
                    : new Fault.Stop(cutAt, CURRENT_MASTER));
            faults.add(kind == Kind.LINK_CUT ? new Fault.Link(restoreAt, CURRENT_MASTER, true)
                    : new Fault.Restart(restoreAt, CURRENT_MASTER));
            quietAt = restoreAt;
        }
        long maxPreemptDelay = nodes.stream().mapToLong(NodeSpec::preemptDelayNanos).max().orElse(0);
        // Master_Down_Interval + 2 advert intervals, as required; a preempt_delay can only start once a
        // lower-priority master exists, so it adds itself plus one more down interval, as does a sync
        // group holding a member back for one down interval.
        long preemptExtra = maxPreemptDelay > 0 ? maxPreemptDelay + mdi + 2 * advert : 0;
        long checkAt = quietAt + mdi + 2 * advert + preemptExtra + (syncGroup ? mdi + advert : 0) + 20 * MS;
        long endAt = checkAt + Math.max(10 * advert, 5 * S);
        return new Scenario(seed, kind, nodes, vrids, syncGroup, version, faults, quietAt, checkAt, endAt,
                partitionCheckFrom, partitionCheckTo, family, unicast);
    }

    /**
     * A planned handover: the master of the first VRID is demoted (its backups must take over
     * exactly Skew_Time after its priority-0 advert, the highest priority first, and it must not
     * come back while demoted), then promoted (it must preempt again). Sometimes in sync groups.
     */
    static Scenario generateDemote(long seed) {
        Random random = new Random(seed);
        int nodeCount = 2 + random.nextInt(3);
        int version = random.nextInt(10) < 6 ? 2 : 3;
        int interval = version == 2 ? 100 * (1 + random.nextInt(2)) : new int[] {20, 50, 100, 200}[random.nextInt(4)];
        List<NodeSpec> nodes = nodes(random, nodeCount, interval, false, false);
        boolean syncGroup = random.nextInt(4) == 0;
        int vrids = syncGroup ? 2 : 1;
        IpFamily family = version == 3 && random.nextInt(4) == 0 ? IpFamily.IPV6 : IpFamily.IPV4;
        boolean unicast = family == IpFamily.IPV4 && random.nextInt(5) == 0;
        long mdi = VrrpTimers.masterDownNanos(version, 1, interval, 3);
        long advert = VrrpTimers.centisToNanos(interval);
        long demoteAt = 2 * mdi + random.nextInt(1000) * MS;
        long promoteAt = demoteAt + 2 * mdi + random.nextInt(1000) * MS;
        List<Fault> faults = List.of(new Fault.Demote(demoteAt, CURRENT_MASTER, true),
                new Fault.Demote(promoteAt, CURRENT_MASTER, false));
        long checkAt = promoteAt + mdi + 2 * advert + (syncGroup ? mdi + advert : 0) + 20 * MS;
        long endAt = checkAt + Math.max(10 * advert, 5 * S);
        return new Scenario(seed, Kind.DEMOTE, nodes, vrids, syncGroup, version, faults, promoteAt, checkAt, endAt,
                -1, -1, family, unicast);
    }

    private static List<NodeSpec> nodes(Random random, int count, int interval, boolean chaos, boolean mixed) {
        Set<Integer> used = new HashSet<>();
        List<NodeSpec> nodes = new ArrayList<>();
        boolean owner = random.nextInt(10) < 2;
        for (int i = 0; i < count; i++) {
            int priority;
            if (owner && i == 0) {
                priority = 255;
            } else if (chaos && i > 0 && random.nextInt(10) == 0) {
                // An equal-priority pair (never a second address owner: that is a configuration error
                // whose 2.2.7 back-off is covered by VrrpInstanceTest).
                int twin = nodes.get(random.nextInt(i)).priority();
                priority = twin == 255 ? 200 : twin;
            } else {
                do {
                    priority = 1 + random.nextInt(254);
                } while (!used.add(priority));
            }
            used.add(priority);
            boolean nopreempt = chaos && priority != 255 && random.nextInt(8) == 0;
            long preemptDelay = chaos && priority != 255 && !nopreempt && random.nextInt(10) == 0
                    ? (1 + random.nextInt(5)) * S : 0;
            int weight = chaos ? new int[] {0, -50, 20, -10}[random.nextInt(4)] : -10;
            int own = mixed ? new int[] {20, 50, 100, 200}[random.nextInt(4)] : interval;
            nodes.add(new NodeSpec(priority, own, nopreempt, preemptDelay, weight));
        }
        return nodes;
    }

    private static long chaosFaults(Random random, int nodeCount, long mdi, List<Fault> faults) {
        long window = 2 * mdi + random.nextInt(20) * S;
        int count = random.nextInt(9);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(500 * MS + (long) (random.nextDouble() * window));
        }
        times.sort(null);
        for (long at : times) {
            int node = random.nextInt(nodeCount);
            switch (random.nextInt(8)) {
                case 0 -> {
                    int[] groups = new int[nodeCount];
                    for (int n = 0; n < nodeCount; n++) {
                        groups[n] = random.nextInt(2);
                    }
                    faults.add(new Fault.Partition(at, groups));
                }
                case 1 -> faults.add(new Fault.Heal(at));
                case 2 -> faults.add(new Fault.Crash(at, node));
                case 3 -> faults.add(new Fault.Restart(at, node));
                case 4 -> faults.add(new Fault.Link(at, node, random.nextBoolean()));
                case 5 -> faults.add(new Fault.Tracker(at, node, random.nextBoolean()));
                case 6 -> faults.add(new Fault.Stop(at, node));
                default -> faults.add(new Fault.Network(at, random.nextDouble() * 0.6, random.nextDouble() * 0.3,
                        random.nextInt(5) * MS, random.nextInt(50) * MS));
            }
        }
        long quietAt = 500 * MS + window + 100 * MS;
        // Faults settle: heal, everyone back up, lossless network (trackers keep their last status).
        faults.add(new Fault.Heal(quietAt));
        faults.add(new Fault.Network(quietAt, 0, 0, MS, random.nextInt(2) * MS));
        for (int n = 0; n < nodeCount; n++) {
            faults.add(new Fault.Restart(quietAt, n));
            faults.add(new Fault.Link(quietAt, n, true));
        }
        return quietAt;
    }
}
