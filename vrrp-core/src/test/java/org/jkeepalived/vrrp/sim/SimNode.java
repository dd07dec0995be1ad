package org.jkeepalived.vrrp.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jkeepalived.vrrp.codec.AdvertView;
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

    SimNode(int index, Scenario.NodeSpec spec) {
        this.index = index;
        this.spec = spec;
        this.mac = new byte[] {2, 0, 0, 0, 0, (byte) (index + 1)};
        try {
            this.address = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) (index + 1)});
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
        SyncGroup group = scenario.syncGroup() ? new SyncGroup("SG" + index, false, line -> sim.trace(this, line)) : null;
        for (int v = 0; v < vrids; v++) {
            int vrid = Simulation.FIRST_VRID + v;
            InstanceSettings settings = InstanceSettings.builder("VI_" + vrid, vrid)
                    .version(scenario.version())
                    .advertIntervalCentis(spec.intervalCentis())
                    .priority(spec.priority())
                    .wantMaster(spec.priority() == 255)
                    .nopreempt(spec.nopreempt())
                    .preemptDelayNanos(spec.preemptDelayNanos())
                    .virtualAddresses(List.of(Simulation.vip(vrid)))
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
            return null;
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
        public void log(String line) {
            sim.trace(node, line);
        }
    }
}
