package org.jkeepalived.vrrp.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jkeepalived.vrrp.port.VirtualAddress;

/** The pure arithmetic of a reload ({@link InstanceEvent.Reconfigure}) on one instance. Stateless. */
final class Reconfiguration {

    private Reconfiguration() {
    }

    /** The VIPs and excluded VIPs an instance adds and removes, in configuration order. */
    static List<VirtualAddress> allAddresses(InstanceSettings settings) {
        List<VirtualAddress> all = new ArrayList<>(settings.virtualAddresses());
        all.addAll(settings.excludedAddresses());
        return List.copyOf(all);
    }

    /**
     * The entries of {@code from} that {@code other} lacks, in {@code from}'s order. An address
     * that moved to another device, or changed prefix, label, scope … counts as a different one,
     * since the kernel holds it differently.
     */
    static List<VirtualAddress> missingFrom(List<VirtualAddress> from, List<VirtualAddress> other) {
        Set<VirtualAddress> kept = new HashSet<>(other);
        List<VirtualAddress> missing = new ArrayList<>();
        for (VirtualAddress address : from) {
            if (!kept.contains(address)) {
                missing.add(address);
            }
        }
        return missing;
    }

    /** True when Master_Down_Interval or the advert timer changes for reasons other than priority. */
    static boolean timersChanged(InstanceSettings previous, InstanceSettings next) {
        return previous.advertIntervalCentis() != next.advertIntervalCentis()
                || previous.downTimerAdverts() != next.downTimerAdverts()
                || previous.version() != next.version();
    }
}
