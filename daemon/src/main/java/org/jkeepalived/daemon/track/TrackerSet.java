package org.jkeepalived.daemon.track;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one VRRP instance tracks (its own track_* entries plus those of its sync group), turned
 * into the two things the state machine needs: the sum of tracker weights for the effective
 * priority, and whether the instance must be in FAULT.
 *
 * <p>Rules (keepalived's {@code vrrp_set_effective_priority} and {@code vrrp_complete_instance}):
 * effective priority = base + Σ contributions, clamped to 1..254; an address owner (base 255)
 * keeps 255. At build time, as keepalived does for a member of a sync group without
 * {@code sync_group_tracking_weight} and for an address owner: weighted interfaces become
 * unweighted (sync group) or are dropped (owner), weighted scripts are dropped, track files with
 * the default weight 1 become unweighted and other weighted files are dropped - each with
 * keepalived's log line. Weighted processes are kept (keepalived 2.2.7 does not prune them).
 *
 * <p>Immutable structure over mutable sources: read on the loop thread after a source changed.
 */
public final class TrackerSet {
    /** The kind of tracked thing, for pruning rules and log wording. */
    public enum Kind { INTERFACE, SCRIPT, FILE, PROCESS }

    /** One tracking entry with its effective weight (track_* override or the tracker's own). */
    public record Entry(Kind kind, TrackedSource source, int weight, boolean reverse) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TrackerSet.class);
    /** keepalived's VRRP_PRIO_OWNER. */
    public static final int PRIORITY_OWNER = 255;

    private final List<Entry> entries;

    private TrackerSet(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** An empty set (nothing tracked). */
    public static TrackerSet empty() {
        return new TrackerSet(List.of());
    }

    /**
     * @param instanceName      for log lines, e.g. "VI_1"
     * @param syncGroupNoWeight member of a sync group without sync_group_tracking_weight
     * @param addressOwner      base priority 255
     */
    public static Builder builder(String instanceName, boolean syncGroupNoWeight, boolean addressOwner) {
        return new Builder(instanceName, syncGroupNoWeight, addressOwner);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Σ of the entries' contributions now. */
    public int totalWeight() {
        int total = 0;
        for (Entry entry : entries) {
            if (entry.weight() != 0) {
                total += entry.source().contribution(entry.weight(), entry.reverse());
            }
        }
        return total;
    }

    /** Whether any entry puts the instance in FAULT now. */
    public boolean inFault() {
        return entries.stream().anyMatch(e -> e.source().faults(e.weight(), e.reverse()));
    }

    /** The names of the sources putting the instance in FAULT now (for log lines). */
    public List<String> faultingSources() {
        List<String> names = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.source().faults(entry.weight(), entry.reverse())) {
                names.add(entry.source().name());
            }
        }
        return names;
    }

    /** Whether {@code source} is tracked here (to find the instances a change affects). */
    public boolean tracks(TrackedSource source) {
        return entries.stream().anyMatch(e -> e.source() == source);
    }

    /** keepalived's effective priority: base 255 is never changed; otherwise base + total, in 1..254. */
    public int effectivePriority(int basePriority) {
        if (basePriority >= PRIORITY_OWNER) {
            return basePriority;
        }
        return Math.max(1, Math.min(PRIORITY_OWNER - 1, basePriority + totalWeight()));
    }

    /** Collects entries and applies keepalived's pruning for sync groups and address owners. */
    public static final class Builder {
        private final String instanceName;
        private final boolean syncGroupNoWeight;
        private final boolean addressOwner;
        private final List<Entry> entries = new ArrayList<>();

        private Builder(String instanceName, boolean syncGroupNoWeight, boolean addressOwner) {
            this.instanceName = instanceName;
            this.syncGroupNoWeight = syncGroupNoWeight;
            this.addressOwner = addressOwner;
        }

        /** Adds an entry; returns this. */
        public Builder add(Kind kind, TrackedSource source, int weight, boolean reverse) {
            boolean restricted = syncGroupNoWeight || addressOwner;
            if (!restricted || weight == 0 || kind == Kind.PROCESS) {
                entries.add(new Entry(kind, source, weight, reverse));
                return this;
            }
            String why = syncGroupNoWeight ? "SYNC group" : (kind == Kind.INTERFACE ? "address owner" : "address_owner");
            switch (kind) {
                case INTERFACE -> {
                    LOG.error("({}) ignoring {} tracked interface {}due to {}", instanceName, source.name(),
                            syncGroupNoWeight ? "weight " : "", why);
                    if (syncGroupNoWeight) {
                        entries.add(new Entry(kind, source, 0, reverse));
                    }
                }
                case SCRIPT -> LOG.error("({}) ignoring tracked script {} with weights due to {}", instanceName,
                        source.name(), why);
                case FILE -> {
                    if (weight == 1) {
                        LOG.error("({}) ignoring weight from tracked file {} due to {}. specify weight 0", instanceName,
                                source.name(), why);
                        entries.add(new Entry(kind, source, 0, reverse));
                    } else {
                        LOG.error("({}) ignoring tracked file {} with weight {} due to {}", instanceName, source.name(),
                                weight, why);
                    }
                }
                default -> throw new IllegalStateException("unreachable: " + kind);
            }
            return this;
        }

        public TrackerSet build() {
            return new TrackerSet(entries);
        }
    }
}
