package org.jkeepalived.netlink;

import java.io.IOException;

/**
 * Raw {@code socket(AF_INET, SOCK_RAW, 112)} and {@code socket(AF_INET6, SOCK_RAW, 112)} held
 * open so the kernel knows protocol 112 has a listener and does not answer unicast adverts with
 * ICMP protocol-unreachable (or ICMPv6 parameter problem). A filter that accepts nothing keeps
 * them from queueing packets; adverts are read through pcap. Thread-safe; closing is idempotent.
 */
final class ProtocolSink implements AutoCloseable {
    static final int PROTOCOL_VRRP = 112;
    private final Native nativeCalls = Native.get();
    private final int ipv4;
    private final int ipv6;
    private boolean closed;

    ProtocolSink() throws IOException {
        ipv4 = open(Native.AF_INET);
        int v6;
        try {
            v6 = open(Native.AF_INET6);
        } catch (IOException ipv6Disabled) {
            v6 = -1;
        }
        ipv6 = v6;
    }

    private int open(int family) throws IOException {
        int fd = nativeCalls.socket(family, Native.SOCK_RAW, PROTOCOL_VRRP);
        try {
            nativeCalls.attachDropAllFilter(fd);
            nativeCalls.setIntOption(fd, Native.SOL_SOCKET, Native.SO_RCVBUF, 1, "SO_RCVBUF");
        } catch (IOException e) {
            nativeCalls.close(fd);
            throw e;
        }
        return fd;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        nativeCalls.close(ipv4);
        if (ipv6 >= 0) {
            nativeCalls.close(ipv6);
        }
    }
}
