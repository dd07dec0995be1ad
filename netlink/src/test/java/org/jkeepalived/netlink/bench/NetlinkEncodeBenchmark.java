package org.jkeepalived.netlink.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jkeepalived.netlink.rtm.AddressMessages;
import org.jkeepalived.netlink.rtm.Message;
import org.jkeepalived.netlink.rtm.MessageWriter;
import org.jkeepalived.netlink.rtm.RouteMessages;
import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.Rtnl;
import org.jkeepalived.vrrp.port.VirtualAddress;
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
 * Cost and allocation of the rtnetlink messages a takeover and a reload write: one VIP added
 * (IPv4, IPv6), one removed, one virtual route, a batch of 1,000 IPv6 VIPs, and reading the
 * kernel's ACK. Run with {@code -prof gc}; the command is in docs/bench/netlink.md. Unlike the
 * advert codec this is not a per-advert path: each message is a fresh {@link MessageWriter} as
 * {@code Rtnetlink} makes it, and the allocation is reported, not required to be zero.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NetlinkEncodeBenchmark {
    private VirtualAddress vip4;
    private VirtualAddress vip6;
    private RouteSpec route;
    private final List<VirtualAddress> thousand = new ArrayList<>();
    private ByteBuffer ackDatagram;
    private int sequence;

    @Setup
    public void setUp() throws UnknownHostException {
        vip4 = new VirtualAddress(InetAddress.getByName("192.0.2.51"), 24, "eth0", null, null, null, 0, false, false);
        vip6 = new VirtualAddress(InetAddress.getByName("2001:db8::51"), 64, "eth0", null, null, null, 0, true, true);
        route = RouteSpec.unicast(InetAddress.getByName("198.51.100.0"), 24, InetAddress.getByName("192.0.2.1"), 2);
        for (int i = 1; i <= 1000; i++) {
            thousand.add(new VirtualAddress(InetAddress.getByName("2001:db8:1::" + Integer.toHexString(i)), 128,
                    "eth0", null, null, null, 0, true, true));
        }
        // what the kernel answers an RTM_NEWADDR: NLMSG_ERROR with error 0 and the request's header
        MessageWriter ack = new MessageWriter(64);
        ack.beginMessage(Rtnl.NLMSG_ERROR, 0x100, 7).u32(0) // NLM_F_CAPPED: error, then the request's header
            .u32(32).u16(Rtnl.RTM_NEWADDR).u16(Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK).u32(7).u32(0)
            .endMessage();
        ackDatagram = ack.toBuffer().order(ByteOrder.nativeOrder());
    }

    @Benchmark
    public MessageWriter addIpv4() {
        MessageWriter out = new MessageWriter(4096);
        AddressMessages.add(out, ++sequence, vip4, 2);
        return out;
    }

    @Benchmark
    public MessageWriter addIpv6() {
        MessageWriter out = new MessageWriter(4096);
        AddressMessages.add(out, ++sequence, vip6, 2);
        return out;
    }

    @Benchmark
    public MessageWriter deleteIpv4() {
        MessageWriter out = new MessageWriter(4096);
        AddressMessages.delete(out, ++sequence, vip4, 2);
        return out;
    }

    @Benchmark
    public MessageWriter addRoute() {
        MessageWriter out = new MessageWriter(4096);
        RouteMessages.add(out, ++sequence, route);
        return out;
    }

    /** One batch of 1,000 IPv6 /128 adds (the netlink.md scenario); divide by 1,000 per VIP. */
    @Benchmark
    public MessageWriter addThousandIpv6() {
        MessageWriter out = new MessageWriter(4096);
        for (VirtualAddress vip : thousand) {
            AddressMessages.add(out, ++sequence, vip, 2);
        }
        return out;
    }

    @Benchmark
    public int parseAck() {
        List<Message> messages = Message.parseAll(ackDatagram.duplicate().order(ByteOrder.nativeOrder()));
        return messages.get(0).errorCode();
    }
}
