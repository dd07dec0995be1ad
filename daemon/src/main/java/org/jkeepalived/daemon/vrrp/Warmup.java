package org.jkeepalived.daemon.vrrp;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.jkeepalived.vrrp.state.InstanceEvent;
import org.jkeepalived.vrrp.state.InstanceSettings;
import org.jkeepalived.vrrp.state.InstanceSink;
import org.jkeepalived.vrrp.state.NotifyEvent;
import org.jkeepalived.vrrp.state.VrrpInstance;

/**
 * Runs the real codec and state machine through the paths a failover takes (startup, adverts
 * exchanged, MASTER, priority 0, preemption, BACKUP) on private in-memory instances, in virtual
 * time, before the real instances start. Without it the first failover of a fresh JVM pays for
 * class loading and interpretation of those paths: tens of milliseconds measured on the wire,
 * against a protocol budget of about one.
 *
 * <p>The daemon runs it on its own thread once the instances have started ({@link #startInBackground}),
 * so that it never delays the first advert nor the event loop: compiled code is shared by every
 * thread, so the loop thread benefits all the same. The simulated instances are private to the
 * warm-up thread; nothing touches the wire, the kernel or the log.
 */
public final class Warmup {
    private static final long SECOND = 1_000_000_000L;
    /** Address requests per round: 40 rounds make 2,000, well past the JIT's compile thresholds. */
    private static final int ADDRESS_REQUESTS_PER_ROUND = 50;
    /** The warm-up thread's nice value: below everything else (Thread priorities are ignored on Linux). */
    private static final int WARMUP_NICE = 10;

    private Warmup() {
    }

    /**
     * Starts {@link #run} with {@code rounds} on a new daemon thread named {@code jkeepalived-warmup}
     * at nice {@value #WARMUP_NICE}, then {@link #exerciseAddressPath} through {@code kernel} when
     * there is one, and returns that thread (started). {@code done} receives the adverts
     * processed, on that thread.
     */
    public static Thread startInBackground(int rounds, AddressPathExercise kernel, java.util.function.LongConsumer done) {
        Thread thread = new Thread(() -> {
            // Created by the loop thread, it inherits that thread's raised priority: give it back.
            org.jkeepalived.daemon.loop.ThreadScheduling.nice(WARMUP_NICE);
            long adverts = run(rounds);
            if (kernel != null) {
                exerciseAddressPath(kernel, rounds * ADDRESS_REQUESTS_PER_ROUND);
            }
            done.accept(adverts);
        }, "jkeepalived-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** Runs {@code rounds} simulated failovers per family; returns the adverts processed. Any thread. */
    public static long run(int rounds) {
        long adverts = 0;
        for (IpFamily family : IpFamily.values()) {
            for (int i = 0; i < rounds; i++) {
                adverts += failover(family, i % 2 == 0 ? 2 : 3);
            }
        }
        return adverts;
    }

    /**
     * The netlink path a takeover runs between its advert and its first gratuitous ARP, exercised
     * against the kernel without changing anything ({@code Rtnetlink.exerciseAddressPath}).
     */
    @FunctionalInterface
    public interface AddressPathExercise {
        /** Runs the path {@code rounds} times with {@code vip}; returns the rounds the kernel answered. */
        int run(VirtualAddress vip, int rounds);
    }

    /**
     * Runs {@code count} address requests (half IPv4, half IPv6) through {@code kernel}; returns
     * how many the kernel answered. Before this, the advert → first GARP gap of a takeover in a
     * fresh JVM was 0.3 to 3 ms, mostly the address add's Java code running interpreted.
     */
    static int exerciseAddressPath(AddressPathExercise kernel, int count) {
        try {
            VirtualAddress v4 = new VirtualAddress(InetAddress.getByName("192.0.2.100"), 24, "lo", null, null,
                    null, 0, false, false);
            VirtualAddress v6 = new VirtualAddress(InetAddress.getByName("2001:db8::100"), 64, "lo", null, null,
                    null, 0, true, true);
            return kernel.run(v4, count / 2) + kernel.run(v6, count - count / 2);
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return 0; // best effort, as run()
        }
    }

    private static long failover(IpFamily family, int version) {
        try {
            boolean v6 = family == IpFamily.IPV6;
            if (v6) {
                version = 3;
            }
            InetAddress a = InetAddress.getByName(v6 ? "fe80::1" : "192.0.2.1");
            InetAddress b = InetAddress.getByName(v6 ? "fe80::2" : "192.0.2.2");
            InetAddress vip = InetAddress.getByName(v6 ? "2001:db8::100" : "192.0.2.100");
            VirtualAddress va = new VirtualAddress(vip, v6 ? 128 : 32, "warmup0", null, null, null, 0, v6, v6);
            Wire wire = new Wire();
            Node master = new Node(settings("W1", version, family, 150, true, a, va), wire);
            Node backup = new Node(settings("W2", version, family, 100, false, b, va), wire);
            master.peer = backup;
            backup.peer = master;
            long now = 0;
            master.instance.handle(new InstanceEvent.Start(true), now);
            backup.instance.handle(new InstanceEvent.Start(true), now);
            long processed = 0;
            for (int step = 0; step < 400 && now < 20 * SECOND; step++) {
                long next = Math.min(master.instance.nextDeadlineNanos(), backup.instance.nextDeadlineNanos());
                if (next == Long.MAX_VALUE) {
                    break;
                }
                now = Math.max(now, next);
                if (step == 120) {
                    master.instance.handle(new InstanceEvent.Stop(true), now); // priority 0
                    master.stopped = true;
                }
                if (!master.stopped && master.instance.nextDeadlineNanos() <= now) {
                    master.instance.handle(InstanceEvent.TimerExpired.INSTANCE, now);
                }
                if (backup.instance.nextDeadlineNanos() <= now) {
                    backup.instance.handle(InstanceEvent.TimerExpired.INSTANCE, now);
                }
                processed += wire.deliver(now);
            }
            return processed;
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return 0; // warm-up is best effort: never stop the daemon from starting
        }
    }

    private static InstanceSettings settings(String name, int version, IpFamily family, int priority, boolean master,
                                             InetAddress source, VirtualAddress vip) {
        InstanceSettings.Builder b = InstanceSettings.builder(name, 42).version(version).family(family)
                .advertIntervalCentis(version == 2 ? 100 : 10).priority(priority).wantMaster(master)
                .sourceAddress(source).sourceMac(new byte[] {2, 0, 0, 0, 0, (byte) priority})
                .virtualAddresses(List.of(vip));
        if (version == 2) {
            b.auth(AuthType.PASS, new byte[] {'w', 'a', 'r', 'm'});
        }
        return b.build();
    }

    /** Frames in flight between the two nodes, delivered in order. */
    private static final class Wire {
        final ArrayDeque<Object[]> inFlight = new ArrayDeque<>();

        int deliver(long now) {
            int n = 0;
            while (!inFlight.isEmpty() && n < 64) {
                Object[] f = inFlight.poll();
                Node to = (Node) f[0];
                byte[] frame = (byte[]) f[1];
                if (!to.stopped) {
                    AdvertCheck check = to.view.wrapFrame(frame, 0, frame.length);
                    if (check == AdvertCheck.VALID && to.view.vrid() == 42) {
                        to.instance.handle(to.received, now);
                    } else {
                        to.instance.handle(InstanceEvent.PacketRejected.of(check), now);
                    }
                }
                n++;
            }
            return n;
        }
    }

    private static final class Node implements InstanceSink {
        final VrrpInstance instance;
        final Wire wire;
        final AdvertView view = new AdvertView();
        final InstanceEvent.AdvertReceived received = new InstanceEvent.AdvertReceived(view);
        Node peer;
        boolean stopped;

        Node(InstanceSettings settings, Wire wire) {
            this.wire = wire;
            this.instance = new VrrpInstance(settings, this);
        }

        @Override
        public void sendFrame(ByteBuffer frame) {
            byte[] copy = new byte[frame.remaining()];
            frame.duplicate().get(copy);
            if (peer != null && wire.inFlight.size() < 1024) {
                wire.inFlight.add(new Object[] {peer, copy});
            }
        }

        @Override
        public byte[] unicastPeerMac(InetAddress peerAddress) {
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
        }

        @Override
        public void log(String line, boolean detail) {
        }
    }
}
