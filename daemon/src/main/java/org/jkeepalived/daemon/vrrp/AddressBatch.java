package org.jkeepalived.daemon.vrrp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jkeepalived.vrrp.port.InterfacePort;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VIP changes of one reload, held back until every instance has been dealt with and then
 * applied as removals before additions (keepalived bug #1854: a VIP moving from a removed
 * instance to a kept MASTER must survive whatever the configuration order). Each address ends
 * as its last request left it; an address removed by one instance and added by another is never
 * taken off the interface, so a move causes no gap. Loop thread only; single use.
 */
final class AddressBatch {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** Address → true to hold it, false to release it; the last request wins. */
    private final Map<VirtualAddress, Boolean> wanted = new LinkedHashMap<>();

    void add(List<VirtualAddress> addresses) {
        for (VirtualAddress address : addresses) {
            wanted.remove(address);
            wanted.put(address, true);
        }
    }

    void remove(List<VirtualAddress> addresses) {
        for (VirtualAddress address : addresses) {
            wanted.remove(address);
            wanted.put(address, false);
        }
    }

    /** The addresses to take off, in request order. */
    List<VirtualAddress> removals() {
        return select(false);
    }

    /** The addresses to put on, in request order. */
    List<VirtualAddress> additions() {
        return select(true);
    }

    /** Applies the removals, then the additions; a kernel error is logged and counted, the rest still goes on. */
    int apply(InterfacePort port) {
        int errors = 0;
        List<VirtualAddress> removals = removals();
        List<VirtualAddress> additions = additions();
        if (!removals.isEmpty()) {
            try {
                port.removeAddresses(removals);
            } catch (IOException e) {
                errors++;
                LOG.error("Reload: failed to remove VIPs {}: {}", removals, e.getMessage());
            }
        }
        if (!additions.isEmpty()) {
            try {
                port.addAddresses(additions);
            } catch (IOException e) {
                errors++;
                LOG.error("Reload: failed to add VIPs {}: {}", additions, e.getMessage());
            }
        }
        return errors;
    }

    private List<VirtualAddress> select(boolean hold) {
        List<VirtualAddress> out = new ArrayList<>();
        for (Map.Entry<VirtualAddress, Boolean> e : wanted.entrySet()) {
            if (e.getValue() == hold) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
