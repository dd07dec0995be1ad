package org.jkeepalived.daemon.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jkeepalived.netlink.PcapLibrary;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * Listens on interfaces for a while, as a VRRP backup would: captures the VRRP adverts that
 * arrive (decoded with vrrp-core's {@link AdvertView}) and, on the same handles, the ARP replies
 * to probes it sends for IPv4 VIPs ("who has VIP?", what arping sends, only on the VIP's own
 * interface). Joins 224.0.0.18 and ff02::12 meanwhile so a NIC's multicast filter lets adverts
 * in. Needs CAP_NET_RAW. One use per instance; not thread-safe.
 */
final class SegmentListener {
    private static final String FILTER = "(ip proto 112 or ip proto 51 or ip6 proto 112) or (arp and arp[6:2] = 2)";
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int PROBES = 3;
    private static final long PROBE_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(700);
    private static final long POLL_PAUSE_MILLIS = 2;

    /** A valid advert heard on an interface. */
    record HeardAdvert(String iface, InetAddress source, int vrid, int version, int priority, List<InetAddress> addresses,
                       boolean multicast) {
    }

    /** An ARP reply to one of our probes: who answers for {@code address}. */
    record ArpAnswer(String iface, InetAddress address, String mac) {
    }

    /** Everything heard. */
    record Observations(List<HeardAdvert> adverts, List<ArpAnswer> arpAnswers, long listenedNanos) {
        /** Advert sources per interface. */
        Map<String, Set<InetAddress>> sources() {
            Map<String, Set<InetAddress>> out = new LinkedHashMap<>();
            adverts.forEach(a -> out.computeIfAbsent(a.iface(), k -> new LinkedHashSet<>()).add(a.source()));
            return out;
        }
    }

    /** An ARP probe to send: for {@code vip} out of {@code iface}. */
    record Probe(String iface, InetAddress vip, Set<InetAddress> allVips) {
    }

    private final Host host;

    SegmentListener(Host host) {
        this.host = host;
    }

    /**
     * Listens on {@code interfaces} for {@code durationNanos}, sending the probes three times
     * spread over the first seconds. Interfaces that cannot be opened are reported in the notes.
     */
    Observations listen(List<String> interfaces, List<Probe> probes, long durationNanos, Report report) {
        PcapLibrary.configure();
        Map<String, PcapHandle> handles = new LinkedHashMap<>();
        List<DatagramChannel> memberships = new ArrayList<>();
        List<HeardAdvert> adverts = new ArrayList<>();
        List<ArpAnswer> answers = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (String iface : interfaces) {
                try {
                    handles.put(iface, open(iface));
                    memberships.add(join(iface));
                } catch (PcapNativeException | NotOpenException | IOException | RuntimeException e) {
                    report.note("listen: cannot capture on " + iface + " (" + e.getMessage() + "); needs root or"
                            + " CAP_NET_RAW; VRID and advert checks skipped there");
                }
            }
            if (handles.isEmpty()) {
                return new Observations(adverts, answers, 0);
            }
            loop(handles, probes, start, durationNanos, adverts, answers);
        } finally {
            handles.values().forEach(PcapHandle::close);
            for (DatagramChannel c : memberships) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // leaving a group cannot fail in a way that matters here
                }
            }
        }
        return new Observations(adverts, answers, System.nanoTime() - start);
    }

    private void loop(Map<String, PcapHandle> handles, List<Probe> probes, long start, long durationNanos,
                      List<HeardAdvert> adverts, List<ArpAnswer> answers) {
        AdvertView view = new AdvertView();
        int probesSent = 0;
        while (System.nanoTime() - start < durationNanos) {
            if (probesSent < PROBES && System.nanoTime() - start >= probesSent * PROBE_SPACING_NANOS) {
                sendProbes(handles, probes);
                probesSent++;
            }
            boolean any = false;
            for (var e : handles.entrySet()) {
                byte[] frame;
                try {
                    frame = e.getValue().getNextRawPacket();
                } catch (NotOpenException ex) {
                    continue;
                }
                if (frame != null) {
                    any = true;
                    decode(e.getKey(), frame, view, adverts, answers);
                }
            }
            if (!any) {
                pause();
            }
        }
    }

    private void sendProbes(Map<String, PcapHandle> handles, List<Probe> probes) {
        for (Probe p : probes) {
            PcapHandle handle = handles.get(p.iface());
            byte[] mac = host.mac(p.iface()).orElse(null);
            if (handle == null || mac == null || mac.length != 6) {
                continue;
            }
            InetAddress sender = host.addresses(p.iface()).stream().map(Host.Address::address)
                    .filter(a -> a instanceof java.net.Inet4Address && !p.allVips().contains(a)).findFirst().orElse(null);
            try {
                byte[] frame = ArpFrames.request(mac, sender, p.vip());
                handle.sendPacket(frame, frame.length);
            } catch (PcapNativeException | NotOpenException e) {
                // the next probe tries again
            }
        }
    }

    private void decode(String iface, byte[] frame, AdvertView view, List<HeardAdvert> adverts,
                        List<ArpAnswer> answers) {
        if (frame.length >= 42 && ((frame[12] & 0xff) << 8 | (frame[13] & 0xff)) == ETHERTYPE_ARP) {
            ArpFrames.reply(frame).ifPresent(r -> {
                byte[] own = host.mac(iface).orElse(new byte[0]);
                if (!java.util.Arrays.equals(own, r.mac())) {
                    answers.add(new ArpAnswer(iface, r.address(), HexFormat.ofDelimiter(":").formatHex(r.mac())));
                }
            });
            return;
        }
        if (view.wrapFrame(frame, 0, frame.length) != AdvertCheck.VALID) {
            return;
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < view.addressCount(); i++) {
            addresses.add(view.address(i));
        }
        adverts.add(new HeardAdvert(iface, view.sourceAddress(), view.vrid(), view.version(), view.priority(),
                addresses, view.destinationIsMulticast()));
    }

    private static PcapHandle open(String iface) throws PcapNativeException, NotOpenException {
        PcapHandle handle = new PcapHandle.Builder(iface)
                .snaplen(2048)
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(10)
                .bufferSize(256 * 1024)
                .immediateMode(true)
                .direction(PcapHandle.PcapDirection.IN)
                .build();
        try {
            handle.setFilter(FILTER, BpfProgram.BpfCompileMode.OPTIMIZE);
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            handle.close();
            throw e;
        }
        return handle;
    }

    /** Joins both VRRP groups on {@code iface} by index (no IPv4 address needed). */
    private static DatagramChannel join(String iface) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(iface);
        DatagramChannel channel;
        List<String> groups;
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET6);
            groups = List.of("224.0.0.18", "ff02::12");
        } catch (UnsupportedOperationException ipv6Off) {
            // the JDK refuses AF_INET6 when no interface has IPv6 (disable_ipv6, ipv6.disable=1)
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            groups = List.of("224.0.0.18");
        }
        if (nif == null) {
            return channel;
        }
        for (String group : groups) {
            try {
                channel.join(InetAddress.getByName(group), nif);
            } catch (IOException | UnsupportedOperationException e) {
                // IPv6 off, or no multicast on this link: capture still sees what arrives
            }
        }
        return channel;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listening", e);
        }
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
