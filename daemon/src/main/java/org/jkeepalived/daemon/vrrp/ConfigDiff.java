package org.jkeepalived.daemon.vrrp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jkeepalived.config.model.AddressFamily;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.config.model.VrrpInstance;
import org.jkeepalived.config.model.VrrpSyncGroup;

/**
 * What a SIGHUP changes, as keepalived 2.2.7 sees it ({@code vrrp_exist()}, keepalived-runtime.md
 * §2): an old and a new {@code vrrp_instance} are the same virtual router when they share VRID,
 * address family, configured interface and unicast flag, plus the unicast source address for a
 * unicast instance, or the VMAC flag and multicast group for a multicast one. The name is not part
 * of it: a renamed instance keeps its state. Each old instance matches at most one new one, the
 * first in configuration order.
 *
 * <p>Apply in this order: {@link #removed} first, then {@link #matched}, then {@link #added}, so
 * that an address moving from a removed instance to a kept one stays (keepalived bug #1854).
 * Pure and immutable.
 *
 * @param removed old instances with no counterpart: stop them (priority 0 and VIPs released if MASTER)
 * @param matched pairs that keep their runtime state, with what changed
 * @param added   new instances with no counterpart: start them in INIT, in configuration order
 */
public record ConfigDiff(List<VrrpInstance> removed, List<Matched> matched, List<VrrpInstance> added) {

    public ConfigDiff {
        removed = List.copyOf(removed);
        matched = List.copyOf(matched);
        added = List.copyOf(added);
    }

    /** What changed in a matched instance, grouped as the runtime has to act on it. */
    public enum Change {
        /** The name (log prefix, notify argv). */
        NAME,
        /** {@code priority} or {@code state}. */
        PRIORITY,
        /** {@code version}, {@code advert_int} or {@code down_timer_adverts}. */
        TIMERS,
        /** {@code nopreempt} or {@code preempt_delay}. */
        PREEMPT,
        /** VIPs, excluded VIPs, virtual routes or rules. */
        ADDRESSES,
        /** {@code authentication} or {@code auth_hmac}. */
        AUTHENTICATION,
        /** Unicast peers or their TTL. */
        UNICAST_PEERS,
        /** Any {@code track_*} block. */
        TRACKERS,
        /** Notify scripts or {@code smtp_alert}. */
        NOTIFY,
        /**
         * The sync group it belongs to (its name or its definition, members included). The core
         * cannot move a running instance between groups: the instance is stopped and started again.
         */
        SYNC_GROUP,
        /** The VMAC's name or MAC: the interface must be re-created, so the instance restarts. */
        VMAC,
        /** Anything else (GARP settings, strict mode, accept, other keywords …). */
        OTHER
    }

    /**
     * An old instance and the new one that keepalived would match to it.
     *
     * @param before  as it was running
     * @param after   as the new configuration has it
     * @param changes what differs; empty when the instance is unchanged
     */
    public record Matched(VrrpInstance before, VrrpInstance after, Set<Change> changes) {
        public Matched {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            changes = Collections.unmodifiableSet(changes.isEmpty() ? EnumSet.noneOf(Change.class)
                    : EnumSet.copyOf(changes));
        }

        public boolean unchanged() {
            return changes.isEmpty();
        }

        /** True when the running instance cannot take the new settings in place (see {@link Change#SYNC_GROUP}). */
        public boolean needsRestart() {
            return changes.contains(Change.SYNC_GROUP) || changes.contains(Change.VMAC);
        }
    }

    /** True when no instance is removed, added or changed. */
    public boolean empty() {
        return removed.isEmpty() && added.isEmpty() && matched.stream().allMatch(Matched::unchanged);
    }

    /**
     * The old names of the matched instances that must be stopped and started again: those that
     * {@linkplain Matched#needsRestart need it}, and every matched member of a sync group of
     * {@code before} that has one (a group's members go together).
     */
    public Set<String> restartedNames(KeepalivedConfig before) {
        Set<String> matchedNames = new java.util.HashSet<>();
        Set<String> restarted = new java.util.LinkedHashSet<>();
        for (Matched m : matched) {
            matchedNames.add(m.before().name());
            if (m.needsRestart()) {
                restarted.add(m.before().name());
            }
        }
        for (VrrpSyncGroup group : before.syncGroups()) {
            if (group.members().stream().anyMatch(restarted::contains)) {
                group.members().stream().filter(matchedNames::contains).forEach(restarted::add);
            }
        }
        return Collections.unmodifiableSet(restarted);
    }

    /** The diff from the running {@code before} to the reloaded {@code after}. */
    public static ConfigDiff of(KeepalivedConfig before, KeepalivedConfig after) {
        List<VrrpInstance> unmatchedNew = new ArrayList<>(after.vrrpInstances());
        List<VrrpInstance> removed = new ArrayList<>();
        List<Matched> matched = new ArrayList<>();
        for (VrrpInstance old : before.vrrpInstances()) {
            Identity identity = Identity.of(old, before);
            VrrpInstance counterpart = null;
            for (VrrpInstance candidate : unmatchedNew) {
                if (identity.equals(Identity.of(candidate, after))) {
                    counterpart = candidate;
                    break;
                }
            }
            if (counterpart == null) {
                removed.add(old);
            } else {
                unmatchedNew.remove(counterpart);
                matched.add(new Matched(old, counterpart, changes(old, before, counterpart, after)));
            }
        }
        return new ConfigDiff(removed, matched, unmatchedNew);
    }

    /**
     * keepalived's identity of a virtual router across a reload. Addresses are compared as
     * addresses, not as text; an unset multicast group is the protocol's.
     */
    record Identity(int vrid, AddressFamily family, String interfaceName, boolean unicast, InetAddress unicastSource,
                    boolean vmac, InetAddress multicastGroup) {

        static Identity of(VrrpInstance instance, KeepalivedConfig config) {
            String iface = instance.interfaceName() != null ? instance.interfaceName()
                    : config.globalDefs().defaultInterface();
            if (!instance.unicastPeers().isEmpty()) {
                return new Identity(instance.virtualRouterId(), instance.family(), iface, true,
                        address(instance.unicastSrcIp()), false, null);
            }
            String group = instance.mcastDstIp() != null ? instance.mcastDstIp()
                    : instance.family() == AddressFamily.IPV6 ? config.globalDefs().vrrpMcastGroup6()
                    : config.globalDefs().vrrpMcastGroup4();
            return new Identity(instance.virtualRouterId(), instance.family(), iface, false, null,
                    instance.useVmac() != null, address(group));
        }

        private static InetAddress address(String text) {
            if (text == null) {
                return null;
            }
            try {
                return VirtualAddresses.literal(text);
            } catch (IllegalArgumentException e) {
                return null; // the parser accepted it; an unparsable value simply never matches a parsable one
            }
        }
    }

    private static Set<Change> changes(VrrpInstance a, KeepalivedConfig before, VrrpInstance b, KeepalivedConfig after) {
        Set<Change> changes = EnumSet.noneOf(Change.class);
        mark(changes, Change.NAME, !a.name().equals(b.name()));
        mark(changes, Change.PRIORITY, a.priority() != b.priority() || a.state() != b.state());
        mark(changes, Change.TIMERS, a.version() != b.version() || a.advertIntervalMicros() != b.advertIntervalMicros()
                || a.downTimerAdverts() != b.downTimerAdverts());
        mark(changes, Change.PREEMPT, a.nopreempt() != b.nopreempt() || a.preemptDelayMicros() != b.preemptDelayMicros());
        mark(changes, Change.ADDRESSES, !a.virtualIps().equals(b.virtualIps())
                || !a.excludedVirtualIps().equals(b.excludedVirtualIps()) || !a.virtualRoutes().equals(b.virtualRoutes())
                || !a.virtualRules().equals(b.virtualRules()));
        mark(changes, Change.AUTHENTICATION, !Objects.equals(a.authentication(), b.authentication())
                || !Objects.equals(a.authHmac(), b.authHmac()));
        mark(changes, Change.UNICAST_PEERS, !a.unicastPeers().equals(b.unicastPeers()) || a.unicastTtl() != b.unicastTtl());
        mark(changes, Change.TRACKERS, !a.trackedInterfaces().equals(b.trackedInterfaces())
                || !a.trackedScripts().equals(b.trackedScripts()) || !a.trackedFiles().equals(b.trackedFiles())
                || !a.trackedProcesses().equals(b.trackedProcesses()) || !a.trackedBfds().equals(b.trackedBfds()));
        mark(changes, Change.NOTIFY, !a.notifyScripts().equals(b.notifyScripts()) || a.smtpAlert() != b.smtpAlert());
        mark(changes, Change.SYNC_GROUP, !Objects.equals(a.syncGroup(), b.syncGroup())
                || !Objects.equals(group(before, a.syncGroup()), group(after, b.syncGroup())));
        mark(changes, Change.VMAC, !Objects.equals(a.useVmac(), b.useVmac()));
        mark(changes, Change.OTHER, !Objects.equals(a.garp(), b.garp()) || a.lowerPrioNoAdvert() != b.lowerPrioNoAdvert()
                || a.higherPrioSendAdvert() != b.higherPrioSendAdvert() || a.accept() != b.accept()
                || a.strictMode() != b.strictMode() || !Objects.equals(a.unicastSrcIp(), b.unicastSrcIp())
                || !Objects.equals(a.mcastDstIp(), b.mcastDstIp()) || !Objects.equals(a.interfaceName(), b.interfaceName())
                || a.dontTrackPrimary() != b.dontTrackPrimary() || a.promoteSecondaries() != b.promoteSecondaries()
                || !a.otherSettings().equals(b.otherSettings()));
        return changes;
    }

    private static void mark(Set<Change> changes, Change change, boolean changed) {
        if (changed) {
            changes.add(change);
        }
    }

    private static VrrpSyncGroup group(KeepalivedConfig config, String name) {
        if (name == null) {
            return null;
        }
        for (VrrpSyncGroup g : config.syncGroups()) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        return null;
    }
}
