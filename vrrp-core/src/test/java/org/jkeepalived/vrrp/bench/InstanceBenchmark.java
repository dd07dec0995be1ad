package org.jkeepalived.vrrp.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertEncoder;
import org.jkeepalived.vrrp.codec.AdvertTemplate;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.codec.Destination;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.VirtualAddress;
import org.jkeepalived.vrrp.state.GarpSettings;
import org.jkeepalived.vrrp.state.InstanceEvent;
import org.jkeepalived.vrrp.state.InstanceSettings;
import org.jkeepalived.vrrp.state.InstanceSink;
import org.jkeepalived.vrrp.state.NotifyEvent;
import org.jkeepalived.vrrp.state.VrrpInstance;
import org.jkeepalived.vrrp.state.VrrpState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state machine's hot path: a BACKUP receiving its master's advert (decode + all instance
 * checks + timer restart) and a MASTER's advert timer (encode + send). Run with {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InstanceBenchmark {

    private static final long SECOND = 1_000_000_000L;

    private VrrpInstance backup;
    private VrrpInstance master;
    private byte[] masterFrame;
    private final AdvertView view = new AdvertView();
    private InstanceEvent.AdvertReceived received;
    private long now;
    private int sentBytes;

    /** Discards everything; counts bytes so the JIT cannot drop the sends. */
    private final InstanceSink sink = new InstanceSink() {
        @Override
        public void sendFrame(ByteBuffer frame) {
            sentBytes += frame.remaining();
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
        }

        @Override
        public void log(String line, boolean detail) {
        }
    };

    @Setup
    public void setUp() throws UnknownHostException {
        InetAddress vip = InetAddress.getByName("192.0.2.100");
        VirtualAddress virtual = new VirtualAddress(vip, 32, "eth0", null, null, null, 0, true, false);
        byte[] mac = {2, 0, 0, 0, 0, 1};
        GarpSettings noGarp = new GarpSettings(0, 0, 0, 1, 0, 0, 0);
        backup = new VrrpInstance(InstanceSettings.builder("VI_1", 51).priority(100).virtualAddresses(List.of(virtual))
                .sourceMac(mac).sourceAddress(InetAddress.getByName("192.0.2.1")).garp(noGarp).build(), sink);
        master = new VrrpInstance(InstanceSettings.builder("VI_2", 52).priority(255).wantMaster(true)
                .virtualAddresses(List.of(virtual)).sourceMac(mac).sourceAddress(InetAddress.getByName("192.0.2.1"))
                .garp(noGarp).build(), sink);
        now = 1000 * SECOND;
        backup.handle(new InstanceEvent.Start(true), now);
        master.handle(new InstanceEvent.Start(true), now);
        master.handle(InstanceEvent.TimerExpired.INSTANCE, master.nextDeadlineNanos());
        if (master.state() != VrrpState.MASTER) {
            throw new IllegalStateException("benchmark master did not become MASTER");
        }
        AdvertEncoder peer = new AdvertEncoder(new AdvertTemplate(IpFamily.IPV4, 2, 51, AuthType.NONE, null,
                List.of(vip), new byte[] {2, 0, 0, 0, 0, 2}, InetAddress.getByName("192.0.2.2"), 255, null));
        ByteBuffer frame = peer.encode(200, 1, 1, 0, Destination.multicast(IpFamily.IPV4));
        masterFrame = new byte[frame.remaining()];
        frame.get(masterFrame);
        received = new InstanceEvent.AdvertReceived(view);
    }

    @Benchmark
    public long backupReceivesMasterAdvert() {
        now += SECOND;
        if (view.wrapFrame(masterFrame, 0, masterFrame.length) != AdvertCheck.VALID) {
            throw new IllegalStateException("invalid advert");
        }
        return backup.handle(received, now);
    }

    @Benchmark
    public long masterAdvertTimer() {
        long deadline = master.nextDeadlineNanos();
        return master.handle(InstanceEvent.TimerExpired.INSTANCE, deadline) + sentBytes;
    }
}
