package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends hand-made VRRPv2 frames onto a LAN from inside a namespace (Python with an
 * {@code AF_PACKET} socket, standard library only), to test how a daemon treats malformed and
 * hostile adverts. Each frame is a priority-254 advert to 224.0.0.18 for one VRID, spoiled in one
 * way per {@link Kind}. Runs to completion.
 */
public final class AdvertSender {
    /** How the advert is spoiled. */
    public enum Kind {
        /** PASS auth with the wrong password. */
        WRONG_AUTH,
        /** IP TTL 64 instead of 255. */
        WRONG_TTL,
        /** VRRP checksum off by one. */
        BAD_CHECKSUM,
        /** Cut after the VRRP header's first 6 bytes (IP total length matches the cut). */
        TRUNCATED,
        /** A CARP advertisement (OpenBSD/ucarp) for the same number, same protocol and group. */
        CARP
    }

    private static final String SENDER = """
            import socket, struct, sys, time
            iface, src, vrid, kind, count, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
            def csum(b):
                if len(b) % 2: b += b"\\0"
                s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
                while s >> 16: s = (s & 0xffff) + (s >> 16)
                return ~s & 0xffff
            if kind == "CARP":
                body = struct.pack("!BBBBBBH", 0x21, vrid, 0, 7, 0, 1, 0) + b"\\1" * 8 + b"\\2" * 20
                body = body[:6] + struct.pack("!H", csum(body)) + body[8:]
            else:
                auth = b"wrongpw\\0" if kind == "WRONG_AUTH" else b"interop1"
                body = struct.pack("!BBBBBBH", 0x21, vrid, 254, 1, 1, 1, 0) + socket.inet_aton("192.0.2.100") + auth
                c = csum(body)
                if kind == "BAD_CHECKSUM": c = (c + 1) & 0xffff
                body = body[:6] + struct.pack("!H", c) + body[8:]
                if kind == "TRUNCATED": body = body[:6]
            ttl = 64 if kind == "WRONG_TTL" else 255
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0xc0, 20 + len(body), 0, 0, ttl, 112, 0, socket.inet_aton(src), socket.inet_aton("224.0.0.18"))
            ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind((iface, 0))
            mac = s.getsockname()[4]
            frame = bytes.fromhex("01005e000012") + mac + b"\\x08\\x00" + ip + body
            start = time.monotonic()
            for i in range(count):
                s.send(frame)
                if rate > 0 and i % 100 == 99:
                    delay = start + (i + 1) / rate - time.monotonic()
                    if delay > 0: time.sleep(delay)
            print("sent", count, "in", round(time.monotonic() - start, 3), "s")
            """;

    private AdvertSender() {
    }

    /**
     * Sends {@code count} frames of {@code kind} for {@code vrid} from {@code node}'s eth0, at
     * {@code perSecond} (0: as fast as possible); returns the sender's report line.
     */
    public static String send(Topology.Node node, Path directory, Kind kind, int vrid, int count, int perSecond) {
        try {
            Files.createDirectories(directory);
            Path script = directory.resolve("advert_sender.py");
            Files.writeString(script, SENDER);
            List<String> argv = new ArrayList<>(node.ns().execPrefix());
            argv.addAll(List.of("/usr/bin/python3", script.toString(), "eth0", node.ipv4(), Integer.toString(vrid),
                    kind.name(), Integer.toString(count), Integer.toString(perSecond)));
            ProcessResult r = ProcessResult.run(argv, null, Duration.ofSeconds(60));
            if (r.exitCode() != 0) {
                throw new IllegalStateException("advert sender failed (" + r.exitCode() + "): " + r.stderr() + r.stdout());
            }
            return r.stdout().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
