package org.jkeepalived.daemon.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code sockaddr_un} for unix datagram sockets, including Linux abstract names: a path starting
 * with {@code '@'} names the abstract namespace (the '@' becomes a NUL byte and the address is
 * not NUL-terminated), as systemd's {@code NOTIFY_SOCKET} does.
 */
final class UnixDatagram {
    /** sizeof(sun_path) on Linux. */
    static final int SUN_PATH_MAX = 108;
    private static final int SUN_PATH_OFFSET = 2;

    private UnixDatagram() {
    }

    /** The socket address bytes for {@code path}; the array length is the addrlen to pass. */
    static byte[] address(String path) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        boolean isAbstract = name.length > 0 && name[0] == '@';
        if (name.length == 0 || name.length > (isAbstract ? SUN_PATH_MAX : SUN_PATH_MAX - 1)) {
            throw new IOException("unix socket path '" + path + "' is empty or longer than " + (SUN_PATH_MAX - 1)
                    + " bytes");
        }
        int len = SUN_PATH_OFFSET + name.length + (isAbstract ? 0 : 1);
        byte[] addr = new byte[len];
        // sa_family_t is a host-order short; x86-64 and aarch64 Linux are little-endian.
        addr[0] = (byte) LibC.AF_UNIX;
        addr[1] = 0;
        System.arraycopy(name, 0, addr, SUN_PATH_OFFSET, name.length);
        if (isAbstract) {
            addr[SUN_PATH_OFFSET] = 0;
        }
        return addr;
    }

    /** A close-on-exec datagram socket. */
    static int open() throws IOException {
        int fd = LibC.get().socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException(LibC.describe("socket(AF_UNIX, SOCK_DGRAM)", LibC.errno()));
        }
        return fd;
    }
}
