package org.jkeepalived.daemon.vrrp;

import java.io.IOException;
import java.net.InetAddress;

import org.jkeepalived.netlink.Rtnetlink;
import org.jkeepalived.netlink.rtm.AddressEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the kernel (an {@code RTM_GETADDR} dump on a netlink socket of its own, opened on first
 * use) whether an address is on an interface right now. Used only for the rare address-removed
 * events that concern a VIP, where the event stream may be stale. Loop thread only.
 */
final class KernelAddresses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private Rtnetlink rtnetlink;

    /**
     * True when {@code address} is on {@code device} now. When the kernel cannot be asked the
     * answer is false, so the removal event is believed (keepalived believes it without asking).
     */
    boolean present(InetAddress address, String device) {
        try {
            if (rtnetlink == null) {
                rtnetlink = new Rtnetlink();
            }
            int index = Rtnetlink.interfaceIndex(device);
            for (AddressEntry entry : rtnetlink.addresses()) {
                if (entry.index() == index && entry.address().equals(address)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            LOG.warn("Cannot read the addresses of {}: {}", device, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (rtnetlink != null) {
            rtnetlink.close();
            rtnetlink = null;
        }
    }
}
