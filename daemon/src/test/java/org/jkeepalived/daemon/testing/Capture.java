package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A tcpdump capture on one interface of a namespace, written to a pcap file and read back with
 * tshark at any time (the file is flushed per packet). Timestamps are the kernel's capture
 * times, the basis of every timing assertion. {@link #close()} stops tcpdump.
 */
public final class Capture implements AutoCloseable {
    private static final String FIELDS = "frame.time_epoch eth.src ip.src ipv6.src ip.dst ipv6.dst ip.ttl vrrp.version "
            + "vrrp.virt_rtr_id vrrp.prio arp.opcode arp.src.proto_ipv4 icmpv6.type icmpv6.nd.na.target_address";

    /** One captured frame, reduced to what the scenarios judge. Absent fields are empty strings or -1. */
    public record Packet(long epochNanos, String ethSource, String source, String destination, int ttl,
                         int vrrpVersion, int vrid, int priority, int arpOpcode, String arpSender,
                         int icmpv6Type, String naTarget) {
        public boolean isVrrp() {
            return vrrpVersion > 0;
        }

        public boolean isVrrp(int vrid) {
            return vrrpVersion > 0 && this.vrid == vrid;
        }

        /** A gratuitous ARP (request or reply whose sender is {@code address}). */
        public boolean isGarpFor(String address) {
            return arpOpcode > 0 && address.equals(arpSender);
        }

        /** An unsolicited neighbour advertisement for {@code address}. */
        public boolean isNaFor(String address) {
            return icmpv6Type == 136 && address.equalsIgnoreCase(naTarget);
        }

        @Override
        public String toString() {
            return String.format("%d.%09d %s %s>%s ttl=%d vrrp=v%d/%d/prio%d arp=%d/%s icmp6=%d/%s", epochNanos / 1_000_000_000L,
                    epochNanos % 1_000_000_000L, ethSource, source, destination, ttl, vrrpVersion, vrid, priority,
                    arpOpcode, arpSender, icmpv6Type, naTarget);
        }
    }

    private final Process tcpdump;
    private final Path file;
    private final Path log;

    private Capture(Process tcpdump, Path file, Path log) {
        this.tcpdump = tcpdump;
        this.file = file;
        this.log = log;
    }

    /** Starts tcpdump on {@code device} in {@code ns} and returns once it is capturing. */
    static Capture start(Netns ns, String device, Path file) {
        Path log = file.resolveSibling(file.getFileName() + ".log");
        List<String> argv = new ArrayList<>(ns.execPrefix());
        argv.addAll(List.of("tcpdump", "-i", device, "-n", "-U", "--immediate-mode", "-s", "200", "-w", file.toString(),
                "ip proto 112 or ip6 proto 112 or arp or icmp6 or ip proto 51"));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Capture c = new Capture(p, file, log);
            try {
                Poll.until("tcpdump listening on " + device, Duration.ofSeconds(10), () -> c.logText().contains("listening on"));
            } catch (AssertionError e) {
                c.close();
                throw new AssertionError(e.getMessage() + "; tcpdump said: " + c.logText(), e);
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start tcpdump", e);
        }
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    public Path file() {
        return file;
    }

    /** Every frame captured so far, in capture order. */
    public List<Packet> packets() {
        List<String> argv = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-E", "separator=|", "-E", "occurrence=f"));
        for (String f : FIELDS.split(" ")) {
            argv.add("-e");
            argv.add(f);
        }
        ProcessResult r = ProcessResult.run(argv, null, Duration.ofSeconds(60));
        List<Packet> packets = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                packets.add(parse(line.split("\\|", -1)));
            }
        }
        return packets;
    }

    /** The frames captured so far that match {@code filter}. */
    public List<Packet> packets(Predicate<Packet> filter) {
        return packets().stream().filter(filter).toList();
    }

    private static Packet parse(String[] f) {
        return new Packet(epochNanos(f[0]), f[1], f[2].isEmpty() ? f[3] : f[2], f[4].isEmpty() ? f[5] : f[4],
                num(f[6]), num(f[7]), num(f[8]), num(f[9]), num(f[10]), f[11], num(f[12]), f[13]);
    }

    /** "1700000000.123456789" (tshark's frame.time_epoch) in nanoseconds, without floating point. */
    static long epochNanos(String epoch) {
        int dot = epoch.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(epoch) * 1_000_000_000L;
        }
        String fraction = (epoch.substring(dot + 1) + "000000000").substring(0, 9);
        return Long.parseLong(epoch.substring(0, dot)) * 1_000_000_000L + Long.parseLong(fraction);
    }

    private static int num(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        String v = s.split(",")[0];
        return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
    }

    @Override
    public void close() {
        tcpdump.destroy();
        try {
            if (!tcpdump.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
