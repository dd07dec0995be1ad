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
import org.jkeepalived.vrrp.codec.ChecksumForm;
import org.jkeepalived.vrrp.codec.Destination;
import org.jkeepalived.vrrp.codec.IpFamily;
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
 * Cost and allocation of encoding and decoding one advert. Run with {@code -prof gc}; the
 * command is in docs/bench/vrrp-core.md. Expected: gc.alloc.rate.norm ≈ 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    private AdvertEncoder v2Encoder;
    private AdvertEncoder v3Encoder;
    private AdvertEncoder v6Encoder;
    private Destination multicast4;
    private Destination multicast6;
    private byte[] v2Frame;
    private byte[] v3Frame;
    private byte[] v6Frame;
    private final AdvertView view = new AdvertView();
    private int ipId;

    @Setup
    public void setUp() throws UnknownHostException {
        byte[] mac = {2, 0, 0, 0, 0, 1};
        List<InetAddress> vips4 = List.of(InetAddress.getByName("192.0.2.51"), InetAddress.getByName("192.0.2.52"));
        InetAddress source4 = InetAddress.getByName("192.0.2.1");
        v2Encoder = new AdvertEncoder(new AdvertTemplate(IpFamily.IPV4, 2, 51, AuthType.PASS,
                "secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII), vips4, mac, source4, 255, null));
        v3Encoder = new AdvertEncoder(new AdvertTemplate(IpFamily.IPV4, 3, 52, AuthType.NONE, null, vips4, mac,
                source4, 255, ChecksumForm.PSEUDO_HEADER));
        v6Encoder = new AdvertEncoder(new AdvertTemplate(IpFamily.IPV6, 3, 53, AuthType.NONE, null,
                List.of(InetAddress.getByName("fe80::53")), mac, InetAddress.getByName("fe80::1"), 255, null));
        multicast4 = Destination.multicast(IpFamily.IPV4);
        multicast6 = Destination.multicast(IpFamily.IPV6);
        v2Frame = copy(v2Encoder.encode(100, 1, 1, 0, multicast4));
        v3Frame = copy(v3Encoder.encode(100, 100, 1, 0, multicast4));
        v6Frame = copy(v6Encoder.encode(100, 100, 1, 0, multicast6));
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Benchmark
    public ByteBuffer encodeV2Pass() {
        return v2Encoder.encode(100, 1, ++ipId & 0xffff, 0, multicast4);
    }

    @Benchmark
    public ByteBuffer encodeV3Ipv4() {
        return v3Encoder.encode(100, 100, ++ipId & 0xffff, 0, multicast4);
    }

    @Benchmark
    public ByteBuffer encodeV3Ipv6() {
        return v6Encoder.encode(100, 100, 0, 0, multicast6);
    }

    @Benchmark
    public int decodeV2() {
        AdvertCheck check = view.wrapFrame(v2Frame, 0, v2Frame.length);
        return check.ordinal() + view.priority() + view.advertIntervalCentis();
    }

    @Benchmark
    public int decodeV3Ipv4() {
        AdvertCheck check = view.wrapFrame(v3Frame, 0, v3Frame.length);
        return check.ordinal() + view.priority() + view.advertIntervalCentis();
    }

    @Benchmark
    public int decodeV3Ipv6() {
        AdvertCheck check = view.wrapFrame(v6Frame, 0, v6Frame.length);
        return check.ordinal() + view.priority() + view.advertIntervalCentis();
    }
}
