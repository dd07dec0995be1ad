package org.jkeepalived.netlink;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jkeepalived.netlink.rtm.RouteSpec;
import org.jkeepalived.netlink.rtm.RuleSpec;
import org.jkeepalived.vrrp.codec.AddressAnnouncements;
import org.jkeepalived.vrrp.codec.AdvertCheck;
import org.jkeepalived.vrrp.codec.AdvertEncoder;
import org.jkeepalived.vrrp.codec.AdvertTemplate;
import org.jkeepalived.vrrp.codec.AdvertView;
import org.jkeepalived.vrrp.codec.AuthType;
import org.jkeepalived.vrrp.codec.ChecksumForm;
import org.jkeepalived.vrrp.codec.Destination;
import org.jkeepalived.vrrp.codec.IpFamily;
import org.jkeepalived.vrrp.port.LinkInfo;
import org.jkeepalived.vrrp.port.PortEvent;

/**
 * Test-only main run inside a namespace by {@link ChildJvm}: drives a {@link LinuxInterfacePort}
 * line by line ("OK ..." / "ERR ..."), builds adverts with the core's {@link AdvertEncoder}, and
 * prints events ("EVENT nanoTime ..."); received frames are decoded with {@link AdvertView}.
 */
public final class PortAgent {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");
    private static int ipId;

    private PortAgent() {
    }

    public static void main(String[] args) throws Exception {
        boolean quietFrames = args.length > 0 && args[0].equals("quiet");
        try (LinuxInterfacePort port = new LinuxInterfacePort()) {
            AdvertView view = new AdvertView();
            port.open(event -> OUT.println("EVENT " + System.nanoTime() + " " + describe(event, view, quietFrames)));
            OUT.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                try {
                    String result = execute(line.trim().split("\\s+"), port);
                    OUT.println("OK" + (result.isEmpty() ? "" : " " + result));
                } catch (Exception e) {
                    OUT.println("ERR " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
            }
        }
        OUT.println("CLOSED");
    }

    private static String execute(String[] w, LinuxInterfacePort port) throws Exception {
        switch (w[0]) {
            case "listen" -> port.listen(w[1]);
            case "unlisten" -> port.unlisten(w[1]);
            case "link" -> {
                return port.link(w[1]).map(PortAgent::describe).orElse("absent");
            }
            case "advert" -> {
                return advert(w, port);
            }
            case "garp" -> {
                byte[] frame = new byte[AddressAnnouncements.GARP_LENGTH];
                AddressAnnouncements.writeGratuitousArp(frame, 0, mac(port, w[1]), InetAddress.getByName(w[2]).getAddress());
                port.sendFrame(w[1], ByteBuffer.wrap(frame));
            }
            case "na" -> {
                byte[] frame = new byte[AddressAnnouncements.NA_LENGTH];
                AddressAnnouncements.writeUnsolicitedNa(frame, 0, mac(port, w[1]), InetAddress.getByName(w[2]).getAddress(), false);
                port.sendFrame(w[1], ByteBuffer.wrap(frame));
            }
            case "resolve" -> {
                Optional<byte[]> mac = port.resolveNeighbour(w[1], InetAddress.getByName(w[2]));
                return mac.map(COLONS::formatHex).orElse("unresolved");
            }
            case "vmac" -> {
                return Integer.toString(port.vmacs().create(w[1], w[2], Integer.parseInt(w[3]), w[4].equals("6")));
            }
            case "delvmac" -> port.vmacs().delete(w[1]);
            case "leftovers" -> {
                return String.join(",", port.vmacs().removeLeftovers(w[1]));
            }
            case "route" -> {
                RouteSpec route = route(w);
                if (w[1].equals("add")) {
                    port.addRoutes(List.of(route));
                } else {
                    port.removeRoutes(List.of(route));
                }
            }
            case "rule" -> {
                String[] prefix = w[3].split("/");
                RuleSpec rule = RuleSpec.from(InetAddress.getByName(prefix[0]), Integer.parseInt(prefix[1]),
                    Integer.parseInt(w[5]), Integer.parseInt(w[7]));
                if (w[1].equals("add")) {
                    port.addRules(List.of(rule));
                } else {
                    port.removeRules(List.of(rule));
                }
            }
            case "add" -> port.addAddresses(NetlinkAgent.parseVips(String.join(" ", List.of(w).subList(1, w.length))));
            case "remove" -> port.removeAddresses(NetlinkAgent.parseVips(String.join(" ", List.of(w).subList(1, w.length))));
            case "burst" -> {
                return burst(w[1], Integer.parseInt(w[2]), port);
            }
            case "latency" -> {
                return latency(w[1], Integer.parseInt(w[2]), Long.parseLong(w[3]), port);
            }
            case "drops" -> {
                return Long.toString(port.captureDrops(w[1]));
            }
            case "reopens" -> {
                return Long.toString(port.reopenCount(w[1]));
            }
            default -> throw new IllegalArgumentException("unknown command: " + w[0]);
        }
        return "";
    }

    /** "route add|del DEST/LEN [via GW] dev D [table T]". */
    private static RouteSpec route(String[] w) throws Exception {
        String[] prefix = w[2].split("/");
        InetAddress gateway = null;
        int index = 0;
        int table = 254;
        for (int i = 3; i < w.length; i++) {
            switch (w[i]) {
                case "via" -> gateway = InetAddress.getByName(w[++i]);
                case "dev" -> index = Rtnetlink.interfaceIndex(w[++i]);
                case "table" -> table = Integer.parseInt(w[++i]);
                default -> throw new IllegalArgumentException("unknown route keyword: " + w[i]);
            }
        }
        return RouteSpec.unicast(InetAddress.getByName(prefix[0]), Integer.parseInt(prefix[1]), gateway, index)
            .withTable(table);
    }

    /**
     * "advert DEV v2|v3|v6 VRID PRIO [pass PW] [unicast PEER] [vips A,B] [count N]": builds the
     * advert with the core's encoder from the interface's MAC and primary/link-local address
     * and sends it N times (IPv4 id incrementing, as the kernel does for keepalived).
     */
    private static String advert(String[] w, LinuxInterfacePort port) throws Exception {
        String device = w[1];
        LinkInfo link = port.link(device).orElseThrow(() -> new IllegalArgumentException("no link " + device));
        boolean v6 = w[2].equals("v6");
        int version = w[2].equals("v2") ? 2 : 3;
        int vrid = Integer.parseInt(w[3]);
        int priority = Integer.parseInt(w[4]);
        byte[] password = null;
        InetAddress peer = null;
        int count = 1;
        List<InetAddress> vips = new ArrayList<>();
        for (int i = 5; i < w.length; i++) {
            switch (w[i]) {
                case "pass" -> password = w[++i].getBytes(StandardCharsets.US_ASCII);
                case "unicast" -> peer = InetAddress.getByName(w[++i]);
                case "count" -> count = Integer.parseInt(w[++i]);
                case "vips" -> {
                    for (String vip : w[++i].split(",")) {
                        vips.add(InetAddress.getByName(vip));
                    }
                }
                default -> throw new IllegalArgumentException("unknown advert keyword: " + w[i]);
            }
        }
        InetAddress source = v6 ? link.linkLocalIpv6() : link.primaryIpv4();
        if (source == null) {
            throw new IllegalStateException("no source address on " + device);
        }
        IpFamily family = v6 ? IpFamily.IPV6 : IpFamily.IPV4;
        AdvertTemplate template = new AdvertTemplate(family, version, vrid,
            password == null ? AuthType.NONE : AuthType.PASS, password, vips, link.mac(), source, 255,
            ChecksumForm.PSEUDO_HEADER);
        Destination to = Destination.multicast(family);
        if (peer != null) {
            byte[] mac = waitForNeighbour(port, device, peer);
            to = Destination.unicast(mac, peer);
        }
        AdvertEncoder encoder = new AdvertEncoder(template);
        int interval = version == 2 ? 1 : 100;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ipId = ipId % 65535 + 1; // 1, 2, 3 ... 65535, 1: never 0
            port.sendFrame(device, encoder.encode(priority, interval, ipId, 0, to));
        }
        return "sent=" + count + " nanos=" + (System.nanoTime() - start) + " sendNanos=" + System.nanoTime();
    }

    private static AdvertEncoder benchEncoder(String device, LinuxInterfacePort port) {
        LinkInfo link = port.link(device).orElseThrow(() -> new IllegalArgumentException("no link " + device));
        return new AdvertEncoder(new AdvertTemplate(IpFamily.IPV4, 2, 99, AuthType.NONE, null,
            List.of(link.primaryIpv4()), link.mac(), link.primaryIpv4(), 255, ChecksumForm.PSEUDO_HEADER));
    }

    /** Sends {@code count} adverts back to back; reports CPU and wall time per frame. */
    private static String burst(String device, int count, LinuxInterfacePort port) throws Exception {
        AdvertEncoder encoder = benchEncoder(device, port);
        Destination to = Destination.multicast(IpFamily.IPV4);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ipId = ipId % 65535 + 1;
            port.sendFrame(device, encoder.encode(100, 1, ipId, 0, to));
        }
        long wall = System.nanoTime() - wallStart;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        return "frames=" + count + " cpuNanosPerFrame=" + cpu / count + " wallNanosPerFrame=" + wall / count;
    }

    /**
     * Sends {@code count} adverts {@code periodMicros} apart, printing "SENT id nanoTime" just
     * before each send, for a receiver to match by IPv4 id.
     */
    private static String latency(String device, int count, long periodMicros, LinuxInterfacePort port)
            throws Exception {
        AdvertEncoder encoder = benchEncoder(device, port);
        Destination to = Destination.multicast(IpFamily.IPV4);
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            next += periodMicros * 1000;
            java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            ipId = ipId % 65535 + 1;
            ByteBuffer frame = encoder.encode(100, 1, ipId, 0, to);
            long sent = System.nanoTime();
            port.sendFrame(device, frame);
            OUT.println("SENT " + ipId + " " + sent);
        }
        return "sent=" + count;
    }

    private static byte[] waitForNeighbour(LinuxInterfacePort port, String device, InetAddress peer) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<byte[]> mac = port.resolveNeighbour(device, peer);
            if (mac.isPresent()) {
                return mac.get();
            }
            Thread.sleep(20); // polling the neighbour table while the kernel resolves
        }
        throw new IllegalStateException("neighbour " + peer.getHostAddress() + " not resolved in 5 s");
    }

    private static byte[] mac(LinuxInterfacePort port, String device) {
        return port.link(device).orElseThrow(() -> new IllegalArgumentException("no link " + device)).mac();
    }

    static String describe(LinkInfo link) {
        return "name=" + link.name() + " index=" + link.index() + " mac=" + COLONS.formatHex(link.mac())
            + " up=" + link.up() + " running=" + link.running() + " ipv4=" + link.primaryIpv4()
            + " ipv6=" + link.linkLocalIpv6();
    }

    private static String describe(PortEvent event, AdvertView view, boolean quietFrames) {
        if (event instanceof PortEvent.FrameReceived frame) {
            AdvertCheck check = view.wrapFrame(frame.frame(), 0, frame.frame().length);
            String summary = "FrameReceived " + frame.device() + " check=" + check;
            if (check == AdvertCheck.VALID) {
                summary += " v=" + view.version() + " vrid=" + view.vrid() + " prio=" + view.priority()
                    + " src=" + view.sourceAddress().getHostAddress() + " ttl=" + view.ttl()
                    + " auth=" + view.authType() + " srcmac=" + COLONS.formatHex(frame.frame(), 6, 12)
                    + " id=" + ((frame.frame()[18] & 0xff) << 8 | (frame.frame()[19] & 0xff));
            }
            return quietFrames ? summary : summary + " hex=" + HexFormat.of().formatHex(frame.frame());
        }
        if (event instanceof PortEvent.LinkChanged changed) {
            return "LinkChanged " + describe(changed.link());
        }
        return NetlinkAgent.describe(event);
    }
}
