package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sends RFC 3164 lines to the local syslog socket ({@code /dev/log}), as keepalived logs through
 * syslog(3): {@code <PRI>Keepalived_vrrp[PID]: message}. Thread-safe (one send per line).
 */
public final class SyslogSender implements AutoCloseable {
    private final int fd;
    private final byte[] address;
    private final int facility;
    private final String ident;

    /**
     * @param facility syslog facility number (daemon = 3, local0..7 = 16..23)
     * @param ident    the program name printed before the pid
     */
    public SyslogSender(String socketPath, int facility, String ident) throws IOException {
        this.address = UnixDatagram.address(socketPath);
        this.fd = UnixDatagram.open();
        this.facility = facility;
        this.ident = ident + "[" + LibC.get().getpid() + "]: ";
    }

    /** Sends one line at {@code severity} (0 emerg .. 7 debug); false when the socket refused it. */
    public boolean send(int severity, String message) {
        byte[] line = ("<" + (facility * 8 + severity) + ">" + ident + message).getBytes(StandardCharsets.UTF_8);
        return LibC.get().sendto(fd, line, line.length, 0, address, address.length) == line.length;
    }

    @Override
    public void close() {
        LibC.get().close(fd);
    }
}
