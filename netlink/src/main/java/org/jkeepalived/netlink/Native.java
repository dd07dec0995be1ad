package org.jkeepalived.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.IntByReference;

/**
 * The native surface: a tiny jnr-ffi {@link LibC} and its wrappers. A failing call becomes an
 * {@link IOException} ({@link NativeException}, carrying errno) naming the call, and {@code EINTR} is retried. errno is read right after the
 * call on the same thread, as jnr-ffi requires. Thread-safe: holds only the loaded library.
 */
final class Native {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_ATTACH_FILTER = 26;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_EXT_ACK = 11;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_ROUTE = 0;
    static final int MSG_DONTWAIT = 0x40;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENOBUFS = 105;

    /**
     * The few libc calls this module needs, bound by jnr-ffi. It is public only because the
     * class jnr-ffi generates must see it; nesting it in this package-private class keeps it out
     * of reach outside the package. Buffers must be direct; jnr-ffi passes the address of
     * their current position. {@code size_t}/{@code ssize_t} map to {@code long}.
     */
    public interface LibC {
        int socket(int domain, int type, int protocol);

        int bind(int fd, @In ByteBuffer address, int addressLength);

        long send(int fd, @In ByteBuffer buffer, long length, int flags);

        long recv(int fd, @Out ByteBuffer buffer, long length, int flags);

        int setsockopt(int fd, int level, int option, @In ByteBuffer value, int valueLength);

        int setsockopt(int fd, int level, int option, Pointer value, int valueLength);

        int getsockopt(int fd, int level, int option, @Out ByteBuffer value, IntByReference valueLength);

        int close(int fd);

        int if_nametoindex(String name);

        String strerror(int errno);
    }

    /**
     * libc by its soname: dlopen finds it at once, where the short name "c" makes jnr-ffi list the
     * library directories (thousands of entries in /usr/lib/x86_64-linux-gnu) to pick a file.
     */
    static final String LIBRARY = "libc.so.6";
    private static final int MAX_EINTR_RETRIES = 100;
    private static final Native INSTANCE = new Native();

    private final LibC libc;
    private final Runtime runtime;

    private Native() {
        libc = LibraryLoader.create(LibC.class).load(LIBRARY);
        runtime = Runtime.getRuntime(libc);
    }

    static Native get() {
        return INSTANCE;
    }

    /** An errno-carrying failure of a named call. */
    static final class NativeException extends IOException {
        private final int errno;

        NativeException(String call, int errno, String text) {
            super(call + ": " + text + " (errno " + errno + ")");
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    int socket(int domain, int type, int protocol) throws IOException {
        for (int attempt = 0; ; attempt++) {
            int fd = libc.socket(domain, type | SOCK_CLOEXEC, protocol);
            if (fd >= 0) {
                return fd;
            }
            retryOrThrow("socket(" + domain + ", " + type + ", " + protocol + ")", attempt);
        }
    }

    void bind(int fd, ByteBuffer address) throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (libc.bind(fd, address, address.capacity()) == 0) {
                return;
            }
            retryOrThrow("bind", attempt);
        }
    }

    /** Sends {@code length} bytes from the position of a direct buffer; returns bytes sent. */
    long send(int fd, ByteBuffer buffer, int length) throws IOException {
        for (int attempt = 0; ; attempt++) {
            long sent = libc.send(fd, buffer, length, 0);
            if (sent >= 0) {
                return sent;
            }
            retryOrThrow("send", attempt);
        }
    }

    /**
     * Receives into a direct buffer whose position is 0; returns bytes read, or -1 when the receive
     * timeout ({@code SO_RCVTIMEO}) expired with nothing to read.
     */
    long recv(int fd, ByteBuffer buffer) throws IOException {
        return recv(fd, buffer, 0);
    }

    /** As {@link #recv(int, ByteBuffer)}, with recv flags (e.g. {@link #MSG_DONTWAIT}). */
    long recv(int fd, ByteBuffer buffer, int flags) throws IOException {
        for (int attempt = 0; ; attempt++) {
            long read = libc.recv(fd, buffer, buffer.capacity(), flags);
            if (read >= 0) {
                return read;
            }
            int errno = LastError.getLastError(runtime);
            if (errno == EAGAIN) {
                return -1;
            }
            if (errno != EINTR || attempt >= MAX_EINTR_RETRIES) {
                throw failure("recv", errno);
            }
        }
    }

    void setIntOption(int fd, int level, int option, int value, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        buffer.putInt(0, value);
        if (libc.setsockopt(fd, level, option, buffer, 4) != 0) {
            retryOrThrow("setsockopt(" + name + ")", MAX_EINTR_RETRIES);
        }
    }

    /** setsockopt with a whole struct (position 0 to capacity of a direct, native-order buffer). */
    void setOption(int fd, int level, int option, ByteBuffer value, String name) throws IOException {
        if (libc.setsockopt(fd, level, option, value, value.capacity()) != 0) {
            retryOrThrow("setsockopt(" + name + ")", MAX_EINTR_RETRIES);
        }
    }

    int getIntOption(int fd, int level, int option, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        IntByReference length = new IntByReference(4);
        if (libc.getsockopt(fd, level, option, buffer, length) != 0) {
            retryOrThrow("getsockopt(" + name + ")", MAX_EINTR_RETRIES);
        }
        return buffer.getInt(0);
    }

    /** Sets {@code SO_RCVTIMEO}, so a blocking receive wakes up after {@code millis}. */
    void setReceiveTimeout(int fd, int millis) throws IOException {
        ByteBuffer timeval = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        timeval.putLong(0, millis / 1000).putLong(8, (millis % 1000) * 1000L);
        if (libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16) != 0) {
            retryOrThrow("setsockopt(SO_RCVTIMEO)", MAX_EINTR_RETRIES);
        }
    }

    /** Attaches a classic BPF program that accepts nothing, so the socket queues no packets. */
    void attachDropAllFilter(int fd) throws IOException {
        Pointer program = Memory.allocateDirect(runtime, 8);
        program.putShort(0, (short) 0x06); // BPF_RET | BPF_K
        program.putByte(2, (byte) 0);
        program.putByte(3, (byte) 0);
        program.putInt(4, 0); // return 0 bytes: drop
        Pointer fprog = Memory.allocateDirect(runtime, 16);
        fprog.putShort(0, (short) 1); // one instruction
        fprog.putAddress(8, program.address());
        if (libc.setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, fprog, 16) != 0) {
            retryOrThrow("setsockopt(SO_ATTACH_FILTER)", MAX_EINTR_RETRIES);
        }
        // the kernel copied the program; keep the memory reachable until here
        java.lang.ref.Reference.reachabilityFence(program);
    }

    void close(int fd) {
        libc.close(fd);
    }

    /**
     * Calls every function of {@link LibC} once, each with a descriptor of -1 (or an empty name),
     * which the kernel refuses at once (EBADF, ENOENT) without doing anything. jnr-ffi, binding by
     * reflection ({@code NativeLibraries}), builds a function's invoker and the marshalling for
     * each kind of parameter (buffers, pointers, references, strings) at its first call, about 15
     * ms in all; done here by the daemon's start-up helper thread, the daemon's first netlink
     * request does not pay it. errno is left changed on the calling thread only.
     */
    void prepareCalls() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        Pointer pointer = Memory.allocateDirect(runtime, 16);
        libc.socket(-1, -1, -1);
        libc.bind(-1, buffer, 0);
        libc.send(-1, buffer, 0, MSG_DONTWAIT);
        libc.recv(-1, buffer, 0, MSG_DONTWAIT);
        libc.setsockopt(-1, SOL_SOCKET, SO_RCVBUF, buffer, 4);
        libc.setsockopt(-1, SOL_SOCKET, SO_RCVBUF, pointer, 4);
        libc.getsockopt(-1, SOL_SOCKET, SO_RCVBUF, buffer, new IntByReference(4));
        libc.if_nametoindex("");
        libc.strerror(0);
        libc.close(-1);
    }

    /** The ifindex of {@code name}, or 0 when there is no such interface. */
    int interfaceIndex(String name) {
        return libc.if_nametoindex(name);
    }

    private void retryOrThrow(String call, int attempt) throws IOException {
        int errno = LastError.getLastError(runtime);
        if (errno == EINTR && attempt < MAX_EINTR_RETRIES) {
            return;
        }
        throw failure(call, errno);
    }

    NativeException failure(String call, int errno) {
        return new NativeException(call, errno, libc.strerror(errno));
    }

    /** Text for a kernel error code as netlink reports it (positive errno). */
    String describe(int errno) {
        return libc.strerror(errno);
    }
}
