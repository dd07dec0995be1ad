package org.jkeepalived.vrrp.state;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.FrameLayout;
import org.jkeepalived.vrrp.port.VirtualAddress;

/** An {@link InstanceSink} that records every action, for assertions. */
final class RecordingSink implements InstanceSink {

    /** One action in order, rendered as text ("advert prio=150", "garp", "add", "notify MASTER 150", "log …"). */
    final List<String> actions = new ArrayList<>();
    final List<byte[]> frames = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    /** The lines keepalived prints only with -D. */
    final List<String> detailLogs = new ArrayList<>();
    final List<String> notifications = new ArrayList<>();
    final Map<InetAddress, byte[]> peerMacs = new HashMap<>();
    final List<DualMasterEvent> dualMasterEvents = new ArrayList<>();
    boolean vipsHeld;

    @Override
    public void sendFrame(ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.duplicate().get(copy);
        frames.add(copy);
        int ethertype = ((copy[12] & 0xff) << 8) | (copy[13] & 0xff);
        if (ethertype == FrameLayout.ETHERTYPE_ARP || (ethertype == FrameLayout.ETHERTYPE_IPV6 && copy[20] == 58)) {
            actions.add("garp");
            return;
        }
        AdvertView view = new AdvertView();
        AdvertCheck check = view.wrapFrame(copy, 0, copy.length);
        if (check != AdvertCheck.VALID) {
            throw new AssertionError("instance sent an invalid advert: " + check);
        }
        actions.add("advert prio=" + view.priority() + (view.destinationIsMulticast() ? ""
                : " to=" + peerOf(copy)));
    }

    private static String peerOf(byte[] frame) {
        return (frame[30] & 0xff) + "." + (frame[31] & 0xff) + "." + (frame[32] & 0xff) + "." + (frame[33] & 0xff);
    }

    @Override
    public byte[] unicastPeerMac(InetAddress peer) {
        return peerMacs.get(peer);
    }

    @Override
    public void addAddresses(List<VirtualAddress> addresses) {
        vipsHeld = true;
        actions.add("add " + addresses.size());
    }

    @Override
    public void removeAddresses(List<VirtualAddress> addresses) {
        vipsHeld = false;
        actions.add("remove " + addresses.size());
    }

    @Override
    public void notify(NotifyEvent event, int effectivePriority) {
        notifications.add(event + " " + effectivePriority);
        actions.add("notify " + event + " " + effectivePriority);
    }

    @Override
    public void log(String line, boolean detail) {
        logs.add(line);
        if (detail) {
            detailLogs.add(line);
        }
        actions.add("log " + line);
    }

    @Override
    public void dualMaster(DualMasterEvent event) {
        dualMasterEvents.add(event);
        actions.add("dual master " + (event.opened() ? "open " : "close ") + event.peer().getHostAddress());
    }

    long count(String prefix) {
        return actions.stream().filter(a -> a.startsWith(prefix)).count();
    }

    void clear() {
        actions.clear();
        frames.clear();
        logs.clear();
        detailLogs.clear();
        notifications.clear();
        dualMasterEvents.clear();
    }
}
