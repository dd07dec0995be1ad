package org.jkeepalived.vrrp.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.jkeepalived.vrrp.state.InstanceEvent;
import org.jkeepalived.vrrp.state.InstanceSettings;
import org.jkeepalived.vrrp.state.InstanceSink;
import org.jkeepalived.vrrp.state.NotifyEvent;
import org.jkeepalived.vrrp.state.SyncGroup;
import org.jkeepalived.vrrp.state.TrackerSettings;
import org.jkeepalived.vrrp.state.VrrpInstance;

/** One simulated router: its process (instances, possibly a sync group), interface and tracker. */
final class SimNode {

    final int index;
    final byte[] mac;
    final InetAddress address;
    final Scenario.NodeSpec spec;
    boolean alive;
    boolean linkUp = true;
    boolean trackerUp = true;
    /** Increases on every restart so that timers of a dead process are ignored. */
    int generation;
    VrrpInstance[] instances = new VrrpInstance[0];
    Sink[] sinks = new Sink[0];
    long[] scheduled = new long[0];
    final AdvertView view = new AdvertView();
    final InstanceEvent.AdvertReceived received = new InstanceEvent.AdvertReceived(view);

    SimNode(int index, Scenario.NodeSpec spec, IpFamily family) {
        this.index = index;
        this.spec = spec;
        this.mac = new byte[] {2, 0, 0, 0, 0, (byte) (index + 1)};
        this.address = addressOf(index, family);
    }

    /** 192.0.2.(index+1) or fe80::(index+1): the last byte identifies the node. */
    static InetAddress addressOf(int index, IpFamily family) {
        byte[] raw = family == IpFamily.IPV4 ? new byte[] {(byte) 192, 0, 2, 0} : new byte[16];
        if (family == IpFamily.IPV6) {
            raw[0] = (byte) 0xfe;
            raw[1] = (byte) 0x80;
        }
        raw[raw.length - 1] = (byte) (index + 1);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a fresh process: new instances (and sync group), Start events. */
    void start(Simulation sim, Scenario scenario, long now) {
        alive = true;
        generation++;
        int vrids = scenario.vrids();
        instances = new VrrpInstance[vrids];
        sinks = new Sink[vrids];
        scheduled = new long[vrids];
        SyncGroup group = scenario.syncGroup() ? new SyncGroup("SG" + index, false, new GroupSink(sim, this)) : null;
        for (int v = 0; v < vrids; v++) {
            int vrid = Simulation.FIRST_VRID + v;
            InstanceSettings settings = InstanceSettings.builder("VI_" + vrid, vrid)
                    .version(scenario.version())
                    .family(scenario.family())
                    .unicastPeers(scenario.unicast() ? sim.peersOf(this) : List.of())
                    .advertIntervalCentis(spec.intervalCentis())
                    .priority(spec.priority())
                    .wantMaster(spec.priority() == 255)
                    .nopreempt(spec.nopreempt())
                    .preemptDelayNanos(spec.preemptDelayNanos())
                    .virtualAddresses(List.of(Simulation.vip(vrid, scenario.family())))
                    .sourceMac(mac)
                    .sourceAddress(address)
                    .trackers(List.of(new TrackerSettings("chk", spec.trackerWeight(), false)))
                    .build();
            sinks[v] = new Sink(sim, this, vrid);
            instances[v] = new VrrpInstance(settings, sinks[v]);
            scheduled[v] = Long.MAX_VALUE;
            if (group != null) {
                group.add(instances[v]);
            }
        }
        for (VrrpInstance instance : instances) {
            instance.handle(new InstanceEvent.Start(linkUp), now);
            if (!trackerUp) {
                instance.handle(new InstanceEvent.TrackerChanged("chk", false), now);
            }
        }
    }

    /** The process is gone; whatever it held in the kernel disappears with it (a crash). */
    void kill() {
        alive = false;
        for (Sink sink : sinks) {
            sink.vipsHeld = false;
        }
        instances = new VrrpInstance[0];
        sinks = new Sink[0];
        scheduled = new long[0];
    }

    /** Records what an instance does, for the simulation's invariants. */
    static final class Sink implements InstanceSink {
        private final Simulation sim;
        private final SimNode node;
        final int vrid;
        boolean vipsHeld;

        Sink(Simulation sim, SimNode node, int vrid) {
            this.sim = sim;
            this.node = node;
            this.vrid = vrid;
        }

        @Override
        public void sendFrame(ByteBuffer frame) {
            sim.transmit(node, frame);
        }

        @Override
        public byte[] unicastPeerMac(InetAddress peer) {
            return sim.macOf(peer);
        }

        @Override
        public void addAddresses(List<VirtualAddress> addresses) {
            vipsHeld = true;
        }

        @Override
        public void removeAddresses(List<VirtualAddress> addresses) {
            vipsHeld = false;
        }

        @Override
        public void notify(NotifyEvent event, int effectivePriority) {
            sim.transition(node, vrid, event);
        }

        @Override
        public void log(String line, boolean detail) {
            sim.trace(node, line);
        }
    }

    /** The sync group's notifications and log lines go to the trace. */
    record GroupSink(Simulation sim, SimNode node) implements org.jkeepalived.vrrp.state.SyncGroupSink {
        @Override
        public void notify(NotifyEvent event) {
            sim.trace(node, "group " + event);
        }

        @Override
        public void log(String line) {
            sim.trace(node, line);
        }
    }
}
