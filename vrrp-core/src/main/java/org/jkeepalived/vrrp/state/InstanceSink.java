package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * Where an instance's actions go. Calls are made synchronously from
 * {@link VrrpInstance#handle}, on the caller's thread; buffers are reused by the instance and
 * must be consumed (sent or copied) before the call returns.
 */
public interface InstanceSink {

    /** Sends one whole Ethernet frame (advert, gratuitous ARP, unsolicited NA) on the instance's interface. */
    void sendFrame(ByteBuffer frame);

    /**
     * The MAC to reach a unicast peer through, or {@code null} while it is unresolved (the advert
     * to that peer is then skipped this time). Must not allocate on the steady path: return the
     * same array while the neighbour is unchanged.
     */
    byte[] unicastPeerMac(InetAddress peer);

    /** Adds the VIPs (becoming MASTER). */
    void addAddresses(List<VirtualAddress> addresses);

    /** Removes the VIPs (leaving MASTER, and at startup to clean leftovers). */
    void removeAddresses(List<VirtualAddress> addresses);

    /** A notify-script / FIFO event with the instance's effective priority at that moment. */
    void notify(NotifyEvent event, int effectivePriority);

    /**
     * One log line, already in keepalived's wording with the {@code (VI_1)} prefix.
     *
     * @param detail true for lines keepalived 2.2.7 prints only with {@code -D / --log-detail}
     *               ("Receive advertisement timeout", "setting VIPs.", "sent 0 priority", …)
     */
    void log(String line, boolean detail);

    /**
     * A dual-master episode opened or closed (after its log line). For the notify FIFO and
     * {@code notify_dual_master}; the default does nothing.
     */
    default void dualMaster(DualMasterEvent event) {
    }
}
