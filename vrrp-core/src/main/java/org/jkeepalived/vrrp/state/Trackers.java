package org.jkeepalived.vrrp.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracked objects of one instance and what they mean for it (keepalived-runtime.md §8):
 * a failing weight-0 tracker is a fault; other weights add to the base priority while up (&gt; 0)
 * or while down (&lt; 0), {@code reverse} inverting the status; the result is clamped to 1..254 and
 * never applies to an address owner (255). In a sync group without
 * {@code sync_group_tracking_weight} every weight counts as 0, as keepalived zeroes them.
 * All trackers start up. Not thread-safe.
 */
final class Trackers {

    private final List<TrackerSettings> trackers;
    private final Map<String, Integer> index = new HashMap<>();
    private final boolean[] up;
    private boolean ignoreWeights;
    /** Totals evaluated by the daemon ({@link InstanceEvent.TrackerTotals}), on top of the named trackers. */
    private int externalWeight;
    private boolean externalFault;

    Trackers(List<TrackerSettings> trackers) {
        this.trackers = trackers;
        this.up = new boolean[trackers.size()];
        for (int i = 0; i < up.length; i++) {
            index.put(trackers.get(i).name(), i);
            up[i] = true;
        }
    }

    /**
     * A reload replaced the tracker list: trackers that keep their name keep their status (new
     * ones start up), and the daemon's totals and the sync-group weight rule carry over.
     */
    void continueFrom(Trackers previous) {
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            Integer old = previous.index.get(e.getKey());
            if (old != null) {
                up[e.getValue()] = previous.up[old];
            }
        }
        externalWeight = previous.externalWeight;
        externalFault = previous.externalFault;
        ignoreWeights = previous.ignoreWeights;
    }

    /** Sync-group members without {@code sync_group_tracking_weight}: every weight counts as 0. */
    void ignoreWeights(boolean ignore) {
        ignoreWeights = ignore;
    }

    /** Records a status; returns false for an unknown tracker or an unchanged status. */
    boolean update(String name, boolean nowUp) {
        Integer i = index.get(name);
        if (i == null || up[i] == nowUp) {
            return false;
        }
        up[i] = nowUp;
        return true;
    }

    /**
     * Records the daemon's evaluation of trackers it owns (weights already pruned by its own
     * sync-group and owner rules); returns false when nothing changed.
     */
    boolean setTotals(int weight, boolean fault) {
        if (externalWeight == weight && externalFault == fault) {
            return false;
        }
        externalWeight = weight;
        externalFault = fault;
        return true;
    }

    /** True when a weight-0 tracker is failing. */
    boolean faulty() {
        if (externalFault) {
            return true;
        }
        for (int i = 0; i < up.length; i++) {
            if (weight(i) == 0 && up[i] == trackers.get(i).reverse()) {
                return true;
            }
        }
        return false;
    }

    /** The effective priority for {@code basePriority}. */
    int effectivePriority(int basePriority) {
        if (basePriority == 255) {
            return 255;
        }
        int total = basePriority + externalWeight;
        for (int i = 0; i < up.length; i++) {
            int weight = weight(i);
            boolean effectivelyUp = up[i] != trackers.get(i).reverse();
            if ((weight > 0 && effectivelyUp) || (weight < 0 && !effectivelyUp)) {
                total += weight;
            }
        }
        return Math.max(1, Math.min(254, total));
    }

    private int weight(int i) {
        return ignoreWeights ? 0 : trackers.get(i).weight();
    }
}
