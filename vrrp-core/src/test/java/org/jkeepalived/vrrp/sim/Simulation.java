package org.jkeepalived.vrrp.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.Random;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.FrameLayout;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.jkeepalived.vrrp.sim.Scenario.Kind;
import org.jkeepalived.vrrp.state.InstanceEvent;
import org.jkeepalived.vrrp.state.NotifyEvent;
import org.jkeepalived.vrrp.state.VrrpInstance;
import org.jkeepalived.vrrp.state.VrrpState;
import org.jkeepalived.vrrp.state.VrrpTimers;

/**
 * Runs one {@link Scenario}: N nodes with the real codec and state machine on a simulated LAN,
 * driven by a {@code (time, seq)} event queue as the only clock and a {@link Random} seeded from
 * the scenario. Invariants are checked after every event; a violation throws an
 * {@link AssertionError} naming the seed. Single-threaded; one instance per run.
 */
final class Simulation {

    static final int FIRST_VRID = 10;
    private static final int TIMER = 0;
    private static final int DELIVER = 1;
    private static final int FAULT = 2;
    private static final int CHECK = 3;
    private static final long MAX_EVENTS = 2_000_000;

    private final Scenario scenario;
    private final Random random;
    private final SimNode[] nodes;
    private final int[] group;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final ArrayDeque<String> trace = new ArrayDeque<>();
    /** When a backup's timer should fire after the last advert that restarted it (formula, not the instance). */
    private final long[][] expectedAfterReset;
    /** The same after the last priority-0 advert it received. */
    private final long[][] expectedAfterPriorityZero;
    private long seq;
    private long now;
    private double loss;
    private double duplicate;
    private long delay = 100_000;
    private long jitter;
    private SimNode cutNode;
    private long cutAt = -1;
    private long restoreAt = -1;
    private boolean takeoverChecked;
    private boolean preemptChecked;
    private long transitions;

    private static final class Event implements Comparable<Event> {
        final long time;
        final long seq;
        final int type;
        final SimNode node;
        final int index;
        final int generation;
        final byte[] frame;
        final Fault fault;

        Event(long time, long seq, int type, SimNode node, int index, int generation, byte[] frame, Fault fault) {
            this.time = time;
            this.seq = seq;
            this.type = type;
            this.node = node;
            this.index = index;
            this.generation = generation;
            this.frame = frame;
            this.fault = fault;
        }

        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    Simulation(Scenario scenario) {
        this.scenario = scenario;
        this.random = new Random(scenario.seed() * 31 + 7);
        this.nodes = new SimNode[scenario.nodes().size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new SimNode(i, scenario.nodes().get(i), scenario.family());
        }
        this.group = new int[nodes.length];
        this.expectedAfterReset = new long[nodes.length][scenario.vrids()];
        this.expectedAfterPriorityZero = new long[nodes.length][scenario.vrids()];
    }

    /** 198.51.100.VRID or 2001:db8::VRID. */
    static VirtualAddress vip(int vrid, IpFamily family) {
        try {
            byte[] raw = family == IpFamily.IPV4 ? new byte[] {(byte) 198, 51, 100, (byte) vrid}
                    : new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) vrid};
            InetAddress address = InetAddress.getByAddress(raw);
            return new VirtualAddress(address, raw.length * 8, "eth0", null, null, null, 0, true, false);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs to the end; returns the number of state transitions seen. */
    long run() {
        for (int i = 0; i < nodes.length; i++) {
            push(random.nextInt(100) * 1_000_000L, FAULT, null, 0, 0, null, new Fault.Restart(0, i));
        }
        for (Fault fault : scenario.faults()) {
            push(fault.at(), FAULT, null, 0, 0, null, fault);
        }
        push(scenario.checkAt(), CHECK, null, 0, 0, null, null);
        if (scenario.partitionCheckFrom() >= 0) {
            push(scenario.partitionCheckFrom(), CHECK, null, 0, 0, null, null);
        }
        push(scenario.endAt(), CHECK, null, 0, 0, null, null);
        long events = 0;
        while (!queue.isEmpty()) {
            Event event = queue.poll();
            if (event.time > scenario.endAt()) {
                break;
            }
            now = event.time;
            if (++events > MAX_EVENTS) {
                fail("event storm: more than " + MAX_EVENTS + " events");
            }
            dispatch(event);
            checkInvariants();
        }
        if (cutNode != null && restoreAt >= 0 && !preemptChecked && cutNodeShouldPreempt()) {
            fail("node " + cutNode.index + " (highest priority) never preempted after coming back");
        }
        return transitions;
    }

    private void dispatch(Event event) {
        switch (event.type) {
            case TIMER -> {
                SimNode node = event.node;
                if (node.alive && node.generation == event.generation && event.index < node.instances.length
                        && node.instances[event.index].nextDeadlineNanos() <= now) {
                    node.instances[event.index].handle(InstanceEvent.TimerExpired.INSTANCE, now);
                }
                reschedule(node);
            }
            case DELIVER -> deliver(event.node, event.frame);
            case FAULT -> applyFault(event.fault);
            default -> {
            }
        }
    }

    private void push(long time, int type, SimNode node, int index, int generation, byte[] frame, Fault fault) {
        queue.add(new Event(Math.max(time, now), seq++, type, node, index, generation, frame, fault));
    }

    private void reschedule(SimNode node) {
        for (int i = 0; i < node.instances.length; i++) {
            long deadline = node.instances[i].nextDeadlineNanos();
            if (deadline != Long.MAX_VALUE && deadline != node.scheduled[i]) {
                node.scheduled[i] = deadline;
                push(deadline, TIMER, node, i, node.generation, null, null);
            }
        }
    }

    // ---- the LAN ----

    void transmit(SimNode from, ByteBuffer frame) {
        if (!from.linkUp) {
            return;
        }
        byte[] copy = new byte[frame.remaining()];
        frame.duplicate().get(copy);
        for (SimNode to : nodes) {
            if (to == from || group[to.index] != group[from.index] || random.nextDouble() < loss) {
                continue;
            }
            push(now + delay + (jitter > 0 ? random.nextLong(jitter) : 0), DELIVER, to, 0, 0, copy, null);
            if (random.nextDouble() < duplicate) {
                push(now + delay + (jitter > 0 ? random.nextLong(jitter) : 0), DELIVER, to, 0, 0, copy, null);
            }
        }
    }

    /** The other nodes' addresses, as unicast peers. */
    java.util.List<InetAddress> peersOf(SimNode node) {
        java.util.List<InetAddress> peers = new java.util.ArrayList<>();
        for (SimNode other : nodes) {
            if (other != node) {
                peers.add(other.address);
            }
        }
        return peers;
    }

    /** Neighbour resolution on the simulated LAN: the MAC of the node owning {@code address}. */
    byte[] macOf(InetAddress address) {
        for (SimNode node : nodes) {
            if (node.address.equals(address)) {
                return node.mac;
            }
        }
        return null;
    }

    private void deliver(SimNode to, byte[] frame) {
        int ethertype = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
        boolean ipv4 = ethertype == FrameLayout.ETHERTYPE_IPV4 && frame[23] == FrameLayout.PROTOCOL_VRRP;
        boolean ipv6 = ethertype == FrameLayout.ETHERTYPE_IPV6 && frame[20] == FrameLayout.PROTOCOL_VRRP;
        boolean unicastMac = (frame[0] & 1) == 0;
        if (!to.alive || !to.linkUp || !(ipv4 || ipv6)
                || (unicastMac && !java.util.Arrays.equals(frame, 0, 6, to.mac, 0, 6))) {
            return;
        }
        int from = (frame[ipv4 ? 29 : 37] & 0xff) - 1;
        if (from < 0 || from >= nodes.length || group[from] != group[to.index]) {
            return;
        }
        AdvertCheck check = to.view.wrapFrame(frame, 0, frame.length);
        if (check != AdvertCheck.VALID) {
            fail("node " + to.index + " rejected a frame our own encoder produced: " + check);
        }
        int index = to.view.vrid() - FIRST_VRID;
        if (index < 0 || index >= to.instances.length) {
            return;
        }
        VrrpInstance instance = to.instances[index];
        boolean backup = instance.state() == VrrpState.BACKUP;
        int priority = to.view.priority();
        boolean restarts = backup && priority != 0 && priority >= instance.effectivePriority();
        instance.handle(to.received, now);
        // Master_Adver_Interval after the advert (v3 backups adopt the master's).
        int interval = instance.masterAdvertIntervalCentis();
        if (backup && priority == 0) {
            expectedAfterPriorityZero[to.index][index] = now
                    + VrrpTimers.skewNanos(scenario.version(), instance.effectivePriority(), interval);
        } else if (restarts) {
            expectedAfterReset[to.index][index] = now
                    + VrrpTimers.masterDownNanos(scenario.version(), instance.effectivePriority(), interval, 3);
        }
        reschedule(to);
    }

    // ---- faults ----

    private void applyFault(Fault fault) {
        trace(null, "fault " + fault);
        if (fault instanceof Fault.Partition partition) {
            System.arraycopy(partition.groupOfNode(), 0, group, 0, group.length);
        } else if (fault instanceof Fault.Heal) {
            java.util.Arrays.fill(group, 0);
        } else if (fault instanceof Fault.Network network) {
            loss = network.loss();
            duplicate = network.duplicate();
            delay = Math.max(1, network.delayNanos());
            jitter = network.jitterNanos();
        } else if (fault instanceof Fault.Crash crash) {
            nodes[crash.node()].kill();
        } else if (fault instanceof Fault.Restart restart) {
            SimNode node = resolve(restart.node(), true);
            if (node != null && !node.alive) {
                node.start(this, scenario, now);
                reschedule(node);
            }
        } else if (fault instanceof Fault.Link link) {
            SimNode node = resolve(link.node(), link.up());
            if (node != null && node.linkUp != link.up()) {
                node.linkUp = link.up();
                for (VrrpInstance instance : node.instances) {
                    instance.handle(new InstanceEvent.LinkChanged(link.up()), now);
                }
                reschedule(node);
            }
        } else if (fault instanceof Fault.Tracker tracker) {
            SimNode node = nodes[tracker.node()];
            node.trackerUp = tracker.up();
            for (VrrpInstance instance : node.instances) {
                instance.handle(new InstanceEvent.TrackerChanged("chk", tracker.up()), now);
            }
            reschedule(node);
        } else if (fault instanceof Fault.Demote demote) {
            SimNode node = resolve(demote.node(), !demote.demoted());
            if (node != null && node.alive && node.instances.length > 0) {
                node.instances[0].handle(demote.demoted() ? InstanceEvent.Demote.INSTANCE
                        : InstanceEvent.Promote.INSTANCE, now);
                reschedule(node);
            }
        } else if (fault instanceof Fault.Stop stop) {
            SimNode node = resolve(stop.node(), false);
            if (node != null && node.alive) {
                for (VrrpInstance instance : node.instances) {
                    instance.handle(new InstanceEvent.Stop(true), now);
                }
                node.kill();
            }
        }
    }

    /** Resolves {@link ScenarioGenerator#CURRENT_MASTER}: the master at the cut, the same node at the restore. */
    private SimNode resolve(int index, boolean restoring) {
        if (index != ScenarioGenerator.CURRENT_MASTER) {
            return nodes[index];
        }
        if (restoring) {
            if (cutNode != null) {
                restoreAt = now;
            }
            return cutNode;
        }
        for (SimNode node : nodes) {
            if (node.alive && node.instances.length > 0 && node.instances[0].state() == VrrpState.MASTER) {
                cutNode = node;
                cutAt = now;
                return node;
            }
        }
        return null;
    }

    // ---- invariants ----

    void transition(SimNode node, int vrid, NotifyEvent event) {
        if (event != NotifyEvent.MASTER && event != NotifyEvent.BACKUP && event != NotifyEvent.FAULT) {
            return;
        }
        transitions++;
        if (now > scenario.checkAt() || inPartitionWindow()) {
            fail("churn: node " + node.index + " VRID " + vrid + " went " + event + " while the network was quiet");
        }
        if (scenario.kind() == Kind.DEMOTE && event == NotifyEvent.MASTER && node == cutNode && restoreAt < 0) {
            fail("node " + node.index + " became MASTER while demoted although other nodes were up");
        }
        if (event == NotifyEvent.MASTER && vrid == FIRST_VRID && cutAt >= 0) {
            checkExactTakeover(node);
        }
    }

    private void checkExactTakeover(SimNode node) {
        VrrpInstance instance = node.instances[0];
        int version = scenario.version();
        if (!takeoverChecked && node != cutNode) {
            takeoverChecked = true;
            long expected = scenario.kind() == Kind.LINK_CUT
                    ? expectedAfterReset[node.index][0] : expectedAfterPriorityZero[node.index][0];
            if (now != expected) {
                fail("node " + node.index + " took over at " + now + ", expected exactly " + expected + " ("
                        + (scenario.kind() == Kind.LINK_CUT ? "last advert + Master_Down_Interval"
                        : "priority 0 + Skew_Time") + ")");
            }
            for (SimNode other : nodes) {
                if (other != cutNode && other.alive && other.spec.priority() > node.spec.priority()) {
                    fail("node " + node.index + " took over although node " + other.index + " has higher priority");
                }
            }
        } else if (node == cutNode && restoreAt >= 0 && !preemptChecked) {
            preemptChecked = true;
            long expected;
            if (node.spec.priority() == 255 && scenario.kind() == Kind.PRIORITY_ZERO) {
                expected = restoreAt + 1_000;
            } else {
                expected = restoreAt + masterDown(instance);
            }
            // After a promotion the preemption runs from the last advert accepted while demoted.
            if (cutNodeShouldPreempt() && now != expected && scenario.kind() != Kind.DEMOTE) {
                fail("node " + node.index + " preempted at " + now + ", expected exactly " + expected);
            }
        }
    }

    private boolean cutNodeShouldPreempt() {
        for (SimNode other : nodes) {
            if (other != cutNode && other.spec.priority() >= cutNode.spec.priority()) {
                return false;
            }
        }
        return true;
    }

    private long masterDown(VrrpInstance instance) {
        return VrrpTimers.masterDownNanos(scenario.version(), instance.effectivePriority(),
                instance.masterAdvertIntervalCentis(), 3);
    }

    private void checkInvariants() {
        for (SimNode node : nodes) {
            for (int i = 0; i < node.instances.length; i++) {
                boolean master = node.instances[i].state() == VrrpState.MASTER;
                if (node.sinks[i].vipsHeld != master) {
                    fail("node " + node.index + " VRID " + (FIRST_VRID + i) + " holds VIPs="
                            + node.sinks[i].vipsHeld + " in state " + node.instances[i].state());
                }
            }
        }
        if (now >= scenario.checkAt()) {
            for (int v = 0; v < scenario.vrids(); v++) {
                checkConverged(v, -1);
            }
        } else if (inPartitionWindow()) {
            for (int side = 0; side < 2; side++) {
                for (int v = 0; v < scenario.vrids(); v++) {
                    checkConverged(v, side);
                }
            }
        }
    }

    /** Inside the PARTITION kind's window where each side must have settled (the heal is excluded). */
    private boolean inPartitionWindow() {
        return scenario.partitionCheckFrom() >= 0 && now >= scenario.partitionCheckFrom()
                && now < scenario.partitionCheckTo();
    }

    /** Exactly one MASTER among the live non-FAULT nodes (of partition {@code side}, or all for -1). */
    private void checkConverged(int v, int side) {
        int masters = 0;
        int candidates = 0;
        SimNode master = null;
        SimNode best = null;
        // A sync group may legitimately hold a higher-priority member in BACKUP (keepalived prefers
        // BACKUP for the whole group), so the winner's identity is only checked without groups.
        boolean identityKnown = !scenario.syncGroup();
        for (SimNode node : nodes) {
            if (!node.alive || node.instances[v].state() == VrrpState.FAULT || (side >= 0 && group[node.index] != side)) {
                continue;
            }
            candidates++;
            VrrpInstance instance = node.instances[v];
            if (instance.state() == VrrpState.MASTER) {
                masters++;
                master = node;
            }
            identityKnown &= !node.spec.nopreempt();
            if (best != null && best.instances[v].effectivePriority() == instance.effectivePriority()) {
                identityKnown = false;
            }
            if (best == null || instance.effectivePriority() > best.instances[v].effectivePriority()) {
                best = node;
            }
        }
        if (masters != (candidates > 0 ? 1 : 0)) {
            fail("not converged: " + masters + " MASTERs for VRID " + (FIRST_VRID + v) + " among " + candidates
                    + " candidates" + (side >= 0 ? " on partition side " + side : "") + " at " + now);
        }
        if (identityKnown && master != null && master != best) {
            fail("node " + master.index + " is MASTER of VRID " + (FIRST_VRID + v) + " but node " + best.index
                    + " has the higher priority and may preempt");
        }
    }

    void trace(SimNode node, String line) {
        if (trace.size() == 120) {
            trace.removeFirst();
        }
        trace.addLast(String.format("%12.6f %s %s", now / 1e9, node == null ? "sim   " : "node " + node.index, line));
    }

    private void fail(String message) {
        throw new AssertionError(message + "\n  seed " + scenario.seed() + " (replay: -Dseed=" + scenario.seed() + ")"
                + "\n  " + scenario + "\n  last trace lines:\n    " + String.join("\n    ", trace));
    }
}
