package org.jkeepalived.vrrp.sim;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.FrameLayout;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.jkeepalived.vrrp.state.DualMasterEvent;
import org.jkeepalived.vrrp.state.InstanceEvent;
import org.jkeepalived.vrrp.state.InstanceSettings;
import org.jkeepalived.vrrp.state.InstanceSink;
import org.jkeepalived.vrrp.state.NotifyEvent;
import org.jkeepalived.vrrp.state.VrrpInstance;
import org.jkeepalived.vrrp.state.VrrpState;

/**
 * A small LAN for the dual-master scenarios: routers with one VRRP instance each (VRID 10, v2,
 * 1 s adverts), a {@code (time, seq)} event queue as the only clock, a fixed 100 µs delivery delay
 * and links that can be cut per direction (one-way deafness). Everything is recorded with its
 * virtual time: adverts delivered, dual-master events, log lines and states. Deterministic:
 * the same calls give the same run. Single-threaded.
 */
final class DualMasterLan {

    static final long S = 1_000_000_000L;
    private static final long DELAY = 100_000;
    private static final int VRID = 10;

    /** A delivered advert: who sent it to whom, when it arrived, its priority, the receiver's state before. */
    record Delivery(long at, int from, int to, int priority, VrrpState receiverState) {
    }

    /** A state notification (MASTER, BACKUP, …) with the router and the virtual time. */
    record StateChange(long at, int router, NotifyEvent event) {
    }

    /** A dual-master event with the router and the virtual time. */
    record Episode(long at, int router, DualMasterEvent event) {
    }

    final class Router implements InstanceSink {
        final int index;
        final InetAddress address;
        final byte[] mac;
        final InstanceSettings settings;
        final List<String> logs = new ArrayList<>();
        VrrpInstance instance;
        private long scheduled = Long.MAX_VALUE;
        private int generation;

        Router(int index, int priority, boolean higherPrioSendAdvert, boolean stepDownAdvert) {
            this.index = index;
            this.address = SimNode.addressOf(index, IpFamily.IPV4);
            this.mac = new byte[] {2, 0, 0, 0, 0, (byte) (index + 1)};
            VirtualAddress vip = Simulation.vip(VRID, IpFamily.IPV4);
            this.settings = InstanceSettings.builder("VI_1", VRID).priority(priority).virtualAddresses(List.of(vip))
                    .sourceMac(mac).sourceAddress(address).higherPrioSendAdvert(higherPrioSendAdvert)
                    .stepDownAdvert(stepDownAdvert).build();
        }

        @Override
        public void sendFrame(ByteBuffer frame) {
            byte[] copy = new byte[frame.remaining()];
            frame.duplicate().get(copy);
            for (Router to : routers) {
                if (to != this && !cut[index][to.index]) {
                    queue.add(new Event(now + DELAY, seq++, to, copy, 0));
                }
            }
        }

        @Override
        public byte[] unicastPeerMac(InetAddress peer) {
            return null;
        }

        @Override
        public void addAddresses(List<VirtualAddress> addresses) {
        }

        @Override
        public void removeAddresses(List<VirtualAddress> addresses) {
        }

        @Override
        public void notify(NotifyEvent event, int effectivePriority) {
            stateChanges.add(new StateChange(now, index, event));
        }

        @Override
        public void log(String line, boolean detail) {
            logs.add(String.format("%.6f %s", now / 1e9, line));
        }

        @Override
        public void dualMaster(DualMasterEvent event) {
            episodes.add(new Episode(now, index, event));
        }

        VrrpState state() {
            return instance == null ? VrrpState.INIT : instance.state();
        }

        private void reschedule() {
            long deadline = instance == null ? Long.MAX_VALUE : instance.nextDeadlineNanos();
            if (deadline != Long.MAX_VALUE && deadline != scheduled) {
                scheduled = deadline;
                queue.add(new Event(deadline, seq++, this, null, generation));
            }
        }
    }

    private record Event(long time, long seq, Router router, byte[] frame, int generation)
            implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    final List<Router> routers = new ArrayList<>();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<Episode> episodes = new ArrayList<>();
    final List<StateChange> stateChanges = new ArrayList<>();
    private final boolean[][] cut;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final AdvertView view = new AdvertView();
    private final InstanceEvent.AdvertReceived received = new InstanceEvent.AdvertReceived(view);
    private long seq;
    private long now;

    /**
     * Routers 192.0.2.1, .2, … with these priorities; none started yet. {@code stepDownAdvert} is
     * jkeepalived's {@code dual_master_step_down_advert} (off: as keepalived, the opt-out).
     */
    DualMasterLan(boolean higherPrioSendAdvert, boolean stepDownAdvert, int... priorities) {
        for (int i = 0; i < priorities.length; i++) {
            routers.add(new Router(i, priorities[i], higherPrioSendAdvert, stepDownAdvert));
        }
        cut = new boolean[priorities.length][priorities.length];
    }

    Router router(int index) {
        return routers.get(index);
    }

    long now() {
        return now;
    }

    /** Runs every event up to {@code time} (bounded), then sets the clock to it. */
    void runUntil(long time) {
        for (int i = 0; i < 5_000_000 && !queue.isEmpty() && queue.peek().time() <= time; i++) {
            Event event = queue.poll();
            now = event.time();
            if (event.frame() != null) {
                deliver(event.router(), event.frame());
            } else if (event.router().instance != null && event.generation() == event.router().generation
                    && event.router().instance.nextDeadlineNanos() <= now) {
                event.router().instance.handle(InstanceEvent.TimerExpired.INSTANCE, now);
            }
            if (event.frame() == null) {
                event.router().scheduled = Long.MAX_VALUE;
            }
            event.router().reschedule();
        }
        now = Math.max(now, time);
    }

    /**
     * Runs in 1 ms steps until {@code index} is in {@code state} (at most {@code limit} of virtual
     * time); returns the time it entered it, or throws.
     */
    long runUntilState(int index, VrrpState state, long limit) {
        long end = now + limit;
        while (routers.get(index).state() != state) {
            if (now >= end) {
                throw new AssertionError("router " + index + " not " + state + " within " + limit + " ns");
            }
            runUntil(now + 1_000_000);
        }
        for (int i = stateChanges.size() - 1; i >= 0; i--) {
            StateChange change = stateChanges.get(i);
            if (change.router() == index && change.event().name().equals(state.name())) {
                return change.at();
            }
        }
        throw new AssertionError("router " + index + " is " + state + " without a notification");
    }

    void start(int index) {
        Router router = routers.get(index);
        router.generation++;
        router.scheduled = Long.MAX_VALUE;
        router.instance = new VrrpInstance(router.settings, router);
        router.instance.handle(new InstanceEvent.Start(true), now);
        router.reschedule();
    }

    /** An orderly stop (a MASTER sends priority 0). */
    void stop(int index) {
        Router router = routers.get(index);
        router.instance.handle(new InstanceEvent.Stop(true), now);
        router.instance = null;
        router.generation++;
    }

    /** Frames from {@code from} no longer reach {@code to} (or reach it again). */
    void cut(int from, int to, boolean isCut) {
        cut[from][to] = isCut;
    }

    void partition() {
        setAll(true);
    }

    void heal() {
        setAll(false);
    }

    private void setAll(boolean isCut) {
        for (boolean[] row : cut) {
            java.util.Arrays.fill(row, isCut);
        }
    }

    private void deliver(Router to, byte[] frame) {
        int ethertype = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
        if (to.instance == null || ethertype != FrameLayout.ETHERTYPE_IPV4 || frame[23] != FrameLayout.PROTOCOL_VRRP) {
            return;
        }
        if (view.wrapFrame(frame, 0, frame.length) != AdvertCheck.VALID) {
            throw new AssertionError("our own encoder produced an invalid frame");
        }
        int from = (frame[29] & 0xff) - 1;
        deliveries.add(new Delivery(now, from, to.index, view.priority(), to.instance.state()));
        to.instance.handle(received, now);
    }

    /** Episodes of one router, in order. */
    List<Episode> episodesOf(int router) {
        return episodes.stream().filter(e -> e.router() == router).toList();
    }

    /** Lines of one router's log that contain {@code text}. */
    long logLines(int router, String text) {
        return routers.get(router).logs.stream().filter(line -> line.contains(text)).count();
    }
}
