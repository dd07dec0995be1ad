"""Packet capture on the switch (tcpdump on a bridge in the switch namespace) and a pcap reader.

Timestamps are the kernel's (CLOCK_REALTIME, microseconds) when the frame reached the bridge, so
they are comparable with time.time() taken by the benchmark.
"""
import bisect
import os
import signal
import struct
import subprocess
import time

ETH_IPV4, ETH_ARP = 0x0800, 0x0806
PROTO_VRRP, PROTO_TCP = 112, 6


class Packet:
    """One decoded frame: kind is 'vrrp', 'arp' or 'tcp'; the other fields depend on it."""
    __slots__ = ("ts", "kind", "src_mac", "src_ip", "dst_ip", "vrid", "prio", "version",
                 "sport", "dport", "flags", "payload", "iface")

    def __init__(self, ts, kind, src_mac, iface):
        self.ts, self.kind, self.src_mac, self.iface = ts, kind, src_mac, iface
        self.src_ip = self.dst_ip = None
        self.vrid = self.prio = self.version = self.sport = self.dport = self.flags = self.payload = None


def _ip(b):
    return "%d.%d.%d.%d" % tuple(b)


def _mac(b):
    return ":".join("%02x" % x for x in b)


def decode(ts, frame, iface):
    """The Packet for an Ethernet frame, or None for frames the benchmark does not look at."""
    if len(frame) < 14:
        return None
    ethertype = struct.unpack_from("!H", frame, 12)[0]
    src_mac = _mac(frame[6:12])
    if ethertype == ETH_ARP and len(frame) >= 42:
        p = Packet(ts, "arp", src_mac, iface)
        p.flags = struct.unpack_from("!H", frame, 20)[0]  # ARP opcode
        p.src_ip, p.dst_ip = _ip(frame[28:32]), _ip(frame[38:42])
        return p
    if ethertype != ETH_IPV4 or len(frame) < 34:
        return None
    ihl = (frame[14] & 0x0f) * 4
    proto = frame[23]
    off = 14 + ihl
    if proto == PROTO_VRRP and len(frame) >= off + 4:
        p = Packet(ts, "vrrp", src_mac, iface)
        p.version, p.vrid, p.prio = frame[off] >> 4, frame[off + 1], frame[off + 2]
    elif proto == PROTO_TCP and len(frame) >= off + 14:
        p = Packet(ts, "tcp", src_mac, iface)
        p.sport, p.dport = struct.unpack_from("!HH", frame, off)
        p.flags = frame[off + 13]
        total = struct.unpack_from("!H", frame, 16)[0]
        p.payload = total - ihl - (frame[off + 12] >> 4) * 4
    else:
        return None
    p.src_ip, p.dst_ip = _ip(frame[26:30]), _ip(frame[30:34])
    return p


class PcapReader:
    """Reads a pcap file that tcpdump may still be writing; read_new() returns the packets added since."""

    def __init__(self, path, iface):
        self.path, self.iface = path, iface
        self.offset, self.scale, self.endian = 0, None, "<"

    def read_new(self):
        packets = []
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return packets
        pos = 0
        if self.scale is None:
            if len(data) < 24:
                return packets
            magic = struct.unpack_from("<I", data, 0)[0]
            if magic in (0xa1b2c3d4, 0xa1b23c4d):
                self.endian = "<"
            else:
                self.endian = ">"
                magic = struct.unpack_from(">I", data, 0)[0]
            self.scale = 1e-9 if magic == 0xa1b23c4d else 1e-6
            pos = 24
        header = self.endian + "IIII"
        while pos + 16 <= len(data):
            sec, frac, incl, _ = struct.unpack_from(header, data, pos)
            if pos + 16 + incl > len(data):
                break
            p = decode(sec + frac * self.scale, data[pos + 16:pos + 16 + incl], self.iface)
            if p is not None:
                packets.append(p)
            pos += 16 + incl
        self.offset += pos
        return packets


class Capture:
    """tcpdump on each bridge of the switch namespace, writing one pcap per bridge under directory."""

    def __init__(self, topology, directory, name, bridges=None):
        self.procs, self.readers, self.logs = [], [], []
        bridges = bridges if bridges is not None else range(topology.links)
        for k in bridges:
            path = os.path.join(directory, "%s-br%d.pcap" % (name, k))
            log = open(path + ".log", "w")
            argv = ["ip", "netns", "exec", topology.switch, "tcpdump", "-i", "br%d" % k, "-n", "-U",
                    "-B", "16384", "-s", "128", "--time-stamp-precision=micro", "-w", path,
                    "vrrp or arp or tcp port 80"]
            self.procs.append(subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=log))
            self.readers.append(PcapReader(path, k))
            self.logs.append((path + ".log", log))
        deadline = time.monotonic() + 10
        while not all("listening on" in open(p).read() for p, _ in self.logs):
            if time.monotonic() > deadline or any(pr.poll() is not None for pr in self.procs):
                self.stop()
                raise RuntimeError("tcpdump did not start: " + " | ".join(open(p).read() for p, _ in self.logs))
            time.sleep(0.02)
        self.packets = []
        self.by_kind = {"vrrp": ([], []), "arp": ([], []), "tcp": ([], [])}

    def poll(self):
        """Decodes what tcpdump has written since the last call; returns only the new packets."""
        new = []
        for r in self.readers:
            new.extend(r.read_new())
        new.sort(key=lambda p: p.ts)
        self.packets.extend(new)
        for p in new:
            stamps, packets = self.by_kind[p.kind]
            if stamps and p.ts < stamps[-1]:  # another bridge's late batch: keep the list sorted
                i = bisect.bisect_right(stamps, p.ts)
                stamps.insert(i, p.ts)
                packets.insert(i, p)
            else:
                stamps.append(p.ts)
                packets.append(p)
        return new

    def between(self, kind, since, until=float("inf")):
        """Packets of kind with since <= ts < until, in time order."""
        stamps, packets = self.by_kind[kind]
        return packets[bisect.bisect_left(stamps, since):bisect.bisect_left(stamps, until)]

    def stop(self):
        """Stops tcpdump (SIGINT, bounded wait), reads the rest; returns the kernel drop count."""
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)
        drops = 0
        for path, log in self.logs:
            log.close()
            for line in open(path):
                if "dropped by kernel" in line:
                    drops += int(line.split()[0])
        if getattr(self, "packets", None) is not None:
            self.poll()
            self.packets.sort(key=lambda p: p.ts)
        return drops
