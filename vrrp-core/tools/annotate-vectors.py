#!/usr/bin/env python3
"""Turns frames of a keepalived capture (pcap, Ethernet) into annotated hex test vectors.

Usage: annotate-vectors.py CAPTURE.pcap OUTDIR
Writes one file per selected frame kind: the whole Ethernet frame, one commented line per header
field. Test code reads the hex and ignores everything after '#'.
"""
import os
import struct
import sys


def read_pcap(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack('<I', data[:4])[0]
    endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    pos = 24
    number = 0
    while pos + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + 'IIII', data[pos:pos + 16])
        pos += 16
        number += 1
        yield number, data[pos:pos + incl]
        pos += incl


def hx(b):
    return ' '.join('%02x' % x for x in b)


def ip4(b):
    return '.'.join(str(x) for x in b)


def ip6(b):
    import ipaddress
    return str(ipaddress.IPv6Address(bytes(b)))


def mac(b):
    return ':'.join('%02x' % x for x in b)


class Out:
    def __init__(self):
        self.lines = []

    def field(self, data, offset, length, text):
        self.lines.append('%-48s # %s' % (hx(data[offset:offset + length]), text))
        return offset + length

    def comment(self, text):
        self.lines.append('# ' + text)


def ethernet(o, f):
    o.comment('Ethernet II')
    p = o.field(f, 0, 6, 'destination MAC %s' % mac(f[0:6]))
    p = o.field(f, p, 6, 'source MAC %s' % mac(f[6:12]))
    return o.field(f, p, 2, 'ethertype 0x%04x' % struct.unpack('>H', f[12:14]))


def ipv4(o, f, p):
    o.comment('IPv4 header')
    s = p
    p = o.field(f, p, 1, 'version 4, IHL 5')
    p = o.field(f, p, 1, 'TOS 0x%02x' % f[s + 1])
    p = o.field(f, p, 2, 'total length %d' % struct.unpack('>H', f[s + 2:s + 4]))
    p = o.field(f, p, 2, 'identification %d (keepalived: per-instance counter from 1)'
                % struct.unpack('>H', f[s + 4:s + 6]))
    p = o.field(f, p, 2, 'flags/fragment offset (DF clear)')
    p = o.field(f, p, 1, 'TTL %d' % f[s + 8])
    p = o.field(f, p, 1, 'protocol %d' % f[s + 9])
    p = o.field(f, p, 2, 'header checksum')
    p = o.field(f, p, 4, 'source %s' % ip4(f[s + 12:s + 16]))
    return o.field(f, p, 4, 'destination %s' % ip4(f[s + 16:s + 20]))


def ipv6(o, f, p):
    o.comment('IPv6 header')
    s = p
    p = o.field(f, p, 4, 'version 6, traffic class 0x%02x, flow label 0x%05x (kernel auto_flowlabels)'
                % ((struct.unpack('>I', f[s:s + 4])[0] >> 20) & 0xff,
                   struct.unpack('>I', f[s:s + 4])[0] & 0xfffff))
    p = o.field(f, p, 2, 'payload length %d' % struct.unpack('>H', f[s + 4:s + 6]))
    p = o.field(f, p, 1, 'next header %d' % f[s + 6])
    p = o.field(f, p, 1, 'hop limit %d' % f[s + 7])
    p = o.field(f, p, 16, 'source %s' % ip6(f[s + 8:s + 24]))
    return o.field(f, p, 16, 'destination %s' % ip6(f[s + 24:s + 40]))


def ah(o, f, p):
    o.comment('IPsec AH (RFC 2402) as keepalived frames it')
    p = o.field(f, p, 1, 'next header %d (VRRP)' % f[p])
    p = o.field(f, p, 1, 'payload length %d (32-bit words - 2)' % f[p])
    p = o.field(f, p, 2, 'reserved')
    p = o.field(f, p, 4, 'SPI = source address %s' % ip4(f[p:p + 4]))
    p = o.field(f, p, 4, 'sequence number %d' % struct.unpack('>I', f[p:p + 4]))
    return o.field(f, p, 12, 'ICV: HMAC-MD5-96')


def vrrp(o, f, p, addr_len):
    o.comment('VRRP')
    version = f[p] >> 4
    count = f[p + 3]
    p = o.field(f, p, 1, 'version %d, type %d (advertisement)' % (version, f[p] & 0xf))
    p = o.field(f, p, 1, 'VRID %d' % f[p])
    p = o.field(f, p, 1, 'priority %d' % f[p])
    p = o.field(f, p, 1, 'count of addresses %d' % count)
    if version == 2:
        p = o.field(f, p, 1, 'auth type %d' % f[p])
        p = o.field(f, p, 1, 'advert interval %d s' % f[p])
    else:
        p = o.field(f, p, 2, 'reserved 0, max advert interval %d cs'
                    % (struct.unpack('>H', f[p:p + 2])[0] & 0xfff))
    p = o.field(f, p, 2, 'checksum')
    for _ in range(count):
        text = ip4(f[p:p + 4]) if addr_len == 4 else ip6(f[p:p + 16])
        p = o.field(f, p, addr_len, 'virtual address %s' % text)
    if version == 2:
        p = o.field(f, p, 8, 'authentication data %r' % bytes(f[p:p + 8]))
    return p


def arp(o, f, p):
    o.comment('ARP')
    p = o.field(f, p, 2, 'hardware type 1 (Ethernet)')
    p = o.field(f, p, 2, 'protocol type 0x0800')
    p = o.field(f, p, 1, 'hardware size 6')
    p = o.field(f, p, 1, 'protocol size 4')
    p = o.field(f, p, 2, 'opcode %d (request)' % struct.unpack('>H', f[p:p + 2]))
    p = o.field(f, p, 6, 'sender MAC %s' % mac(f[p:p + 6]))
    p = o.field(f, p, 4, 'sender IP %s' % ip4(f[p:p + 4]))
    p = o.field(f, p, 6, 'target MAC %s' % mac(f[p:p + 6]))
    return o.field(f, p, 4, 'target IP %s' % ip4(f[p:p + 4]))


def na(o, f, p):
    o.comment('ICMPv6 neighbour advertisement')
    p = o.field(f, p, 1, 'type 136')
    p = o.field(f, p, 1, 'code 0')
    p = o.field(f, p, 2, 'ICMPv6 checksum')
    p = o.field(f, p, 4, 'flags 0x%02x (R=0x80, S=0x40, O=0x20), reserved' % f[p])
    p = o.field(f, p, 16, 'target %s' % ip6(f[p:p + 16]))
    p = o.field(f, p, 1, 'option type %d (target link-layer address)' % f[p])
    p = o.field(f, p, 1, 'option length %d (units of 8 bytes)' % f[p])
    return o.field(f, p, 6, 'link-layer address %s' % mac(f[p:p + 6]))


def annotate(f):
    o = Out()
    p = ethernet(o, f)
    ethertype = struct.unpack('>H', f[12:14])[0]
    if ethertype == 0x0806:
        p = arp(o, f, p)
    elif ethertype == 0x0800:
        proto = f[p + 9]
        p = ipv4(o, f, p)
        if proto == 51:
            p = ah(o, f, p)
        p = vrrp(o, f, p, 4)
    else:
        nxt = f[p + 6]
        p = ipv6(o, f, p)
        p = na(o, f, p) if nxt == 58 else vrrp(o, f, p, 16)
    if p < len(f):
        o.field(f, p, len(f) - p, 'trailing bytes')
    return o.lines


def kind(f):
    """A name for the frame kind, or None for frames that are not vectors."""
    ethertype = struct.unpack('>H', f[12:14])[0]
    if ethertype == 0x0806:
        if f[14 + 14:14 + 18] == f[14 + 24:14 + 28] and f[0:6] == b'\xff' * 6:
            return 'garp-' + ip4(f[14 + 14:14 + 18])
        return None
    if ethertype == 0x0800:
        proto = f[23]
        v = f[34 + (24 if proto == 51 else 0):]
        unicast = '-unicast' if f[30] != 224 else ''
        return 'advert-v%d-vrid%d-prio%d%s%s' % (v[0] >> 4, v[1], v[2], '-ah' if proto == 51 else '', unicast)
    if ethertype == 0x86dd:
        if f[20] == 58:
            return 'na-' + ip6(f[62:78]).replace(':', '_')
        v = f[54:]
        return 'advert-v%d-ipv6-vrid%d-prio%d' % (v[0] >> 4, v[1], v[2])
    return None


def main():
    capture, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    written = {}
    for number, f in read_pcap(capture):
        name = kind(f)
        if name is None:
            continue
        # The first frame of each kind, and for adverts also the second one (id 2) to show the counter.
        seen = written.get(name, 0)
        if seen >= (2 if name.startswith('advert') and 'prio0' not in name else 1):
            continue
        written[name] = seen + 1
        path = os.path.join(outdir, '%s%s.hex' % (name, '' if seen == 0 else '-next'))
        with open(path, 'w') as out:
            out.write('# keepalived 2.2.7 capture (%s), frame %d, %d bytes\n'
                      % (os.path.basename(capture), number, len(f)))
            out.write('\n'.join(annotate(f)) + '\n')
    print('\n'.join(sorted(written)))


if __name__ == '__main__':
    main()
