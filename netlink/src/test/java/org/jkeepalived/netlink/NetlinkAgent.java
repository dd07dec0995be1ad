package org.jkeepalived.netlink;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jkeepalived.vrrp.port.PortEvent;
import org.jkeepalived.vrrp.port.VirtualAddress;

/**
 * Test-only main run inside a namespace by {@link ChildJvm}: reads commands from stdin, drives
 * {@link Rtnetlink} and {@link NetlinkMonitor}, answers "OK ..." or "ERR ..." and prints events
 * as "EVENT nanoTime description". System.nanoTime is CLOCK_MONOTONIC, shared with the parent JVM.
 */
public final class NetlinkAgent {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private NetlinkAgent() {
    }

    public static void main(String[] args) throws Exception {
        int monitorBuffer = args.length > 0 ? Integer.parseInt(args[0]) : NetlinkMonitor.DEFAULT_BUFFER_BYTES;
        try (Rtnetlink rtnetlink = new Rtnetlink()) {
            KernelState state = new KernelState();
            NetlinkMonitor monitor = new NetlinkMonitor(rtnetlink, state,
                event -> OUT.println("EVENT " + System.nanoTime() + " " + describe(event)), monitorBuffer);
            OUT.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                try {
                    long start = System.nanoTime();
                    String result = execute(line, rtnetlink, monitor, state);
                    OUT.println("OK " + (System.nanoTime() - start) + (result.isEmpty() ? "" : " " + result));
                } catch (Exception e) {
                    OUT.println("ERR " + e.getMessage().replace('\n', ' '));
                }
            }
            monitor.close();
        }
    }

    private static String execute(String line, Rtnetlink rtnetlink, NetlinkMonitor monitor, KernelState state)
            throws Exception {
        String[] words = line.split(" ", 2);
        String rest = words.length > 1 ? words[1] : "";
        switch (words[0]) {
            case "add" -> rtnetlink.addAddresses(parseVips(rest));
            case "addknown" -> {
                // "INDEX SPECS": adds with INDEX given as every device's known index (a stale one is retried)
                String[] parts = rest.split(" ", 2);
                int index = Integer.parseInt(parts[0]);
                rtnetlink.addAddresses(parseVips(parts[1]), device -> index);
            }
            case "remove" -> rtnetlink.removeAddresses(parseVips(rest));
            case "addmany" -> rtnetlink.addAddresses(many(rest));
            case "removemany" -> rtnetlink.removeAddresses(many(rest));
            case "monitor" -> {
                monitor.start();
                return "buffer=" + monitor.grantedBufferBytes();
            }
            case "link" -> {
                return state.link(rest).map(Object::toString).orElse("absent");
            }
            case "addresscount" -> {
                return state.linkEntry(rest).map(l -> Integer.toString(state.addressesOf(l.index()).size()))
                    .orElse("absent");
            }
            case "exercise" -> {
                // "ROUNDS ADDR[/PLEN] dev D": the warm-up's refused requests; prints how many were answered
                String[] parts = rest.split(" ", 2);
                return Integer.toString(rtnetlink.exerciseAddressPath(parseVips(parts[1]).get(0),
                    Integer.parseInt(parts[0])));
            }
            case "resyncs" -> {
                return Long.toString(monitor.resynchronisations());
            }
            default -> throw new IllegalArgumentException("unknown command: " + words[0]);
        }
        return "";
    }

    /** "DEV FAMILY COUNT": COUNT /128 VIPs 2001:db8:1::N (FAMILY 6) or /32 from the test ranges (4). */
    static List<VirtualAddress> many(String spec) throws Exception {
        String[] words = spec.split(" ");
        String device = words[0];
        int count = Integer.parseInt(words[2]);
        List<VirtualAddress> vips = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            InetAddress address = words[1].equals("6")
                ? InetAddress.getByName("2001:db8:1::" + Integer.toHexString(i))
                : InetAddress.getByName(new String[] {"192.0.2.", "198.51.100.", "203.0.113."}[(i - 1) / 254]
                    + ((i - 1) % 254 + 1));
            boolean v6 = address.getAddress().length == 16;
            vips.add(new VirtualAddress(address, v6 ? 128 : 32, device, null, null, null, 0, v6, v6));
        }
        return vips;
    }

    /** "ADDR[/PLEN] dev D [label L] [brd B] [peer P] [scope N] [-nodad]", several separated by ';'. */
    static List<VirtualAddress> parseVips(String text) throws Exception {
        List<VirtualAddress> vips = new ArrayList<>();
        for (String spec : text.split(";")) {
            String[] words = spec.trim().split("\\s+");
            String[] addressAndPrefix = words[0].split("/");
            InetAddress address = InetAddress.getByName(addressAndPrefix[0]);
            boolean v6 = address.getAddress().length == 16;
            int prefix = addressAndPrefix.length > 1 ? Integer.parseInt(addressAndPrefix[1]) : (v6 ? 128 : 32);
            String device = null;
            String label = null;
            InetAddress broadcast = null;
            InetAddress peer = null;
            int scope = 0;
            boolean nodad = v6;
            for (int i = 1; i < words.length; i++) {
                switch (words[i]) {
                    case "dev" -> device = words[++i];
                    case "label" -> label = words[++i];
                    case "brd" -> broadcast = InetAddress.getByName(words[++i]);
                    case "peer" -> peer = InetAddress.getByName(words[++i]);
                    case "scope" -> scope = Integer.parseInt(words[++i]);
                    case "-nodad" -> nodad = false;
                    default -> throw new IllegalArgumentException("unknown VIP keyword: " + words[i]);
                }
            }
            vips.add(new VirtualAddress(address, prefix, device, label, broadcast, peer, scope, nodad,
                v6 && prefix == 128));
        }
        return vips;
    }

    static String describe(PortEvent event) {
        if (event instanceof PortEvent.LinkChanged changed) {
            var link = changed.link();
            return "LinkChanged " + link.name() + " index=" + link.index() + " up=" + link.up()
                + " running=" + link.running() + " mac=" + HexFormat.ofDelimiter(":").formatHex(link.mac());
        }
        if (event instanceof PortEvent.FrameReceived frame) {
            return "FrameReceived " + frame.device() + " " + HexFormat.of().formatHex(frame.frame());
        }
        if (event instanceof PortEvent.AddressAdded added) {
            return "AddressAdded " + added.device() + " " + added.address().getHostAddress() + "/" + added.prefixLength();
        }
        if (event instanceof PortEvent.AddressRemoved removed) {
            return "AddressRemoved " + removed.device() + " " + removed.address().getHostAddress() + "/"
                + removed.prefixLength();
        }
        return event.toString();
    }
}
