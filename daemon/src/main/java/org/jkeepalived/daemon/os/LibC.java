package org.jkeepalived.daemon.os;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/**
 * The few libc calls the daemon services need that the JDK does not offer: FIFOs opened
 * non-blocking, unix datagram sockets with abstract names, process-group signals and NSS user
 * look-ups. Public only because jnr-ffi generates its implementation in another class loader;
 * not an API for other packages. {@code size_t}/{@code ssize_t} are mapped as {@code long}. Callers read errno with
 * {@link #errno()} right after a failing call, on the same thread.
 */
public interface LibC {
    /**
     * libc by its soname, for every jnr-ffi binding in the daemon: dlopen finds it at once, where
     * the short name "c" makes jnr-ffi list the library directories (thousands of entries in
     * /usr/lib/x86_64-linux-gnu) to pick a file, about 12 ms per binding at start-up.
     */
    String LIBRARY = "libc.so.6";

    int O_WRONLY = 0x1;
    int O_RDWR = 0x2;
    int O_CREAT = 0x40;
    int O_TRUNC = 0x200;
    int O_NONBLOCK = 0x800;
    int O_NOFOLLOW = 0x20000;
    int O_CLOEXEC = 0x80000;

    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    int MSG_NOSIGNAL = 0x4000;
    int MSG_DONTWAIT = 0x40;

    int EINTR = 4;
    int ESRCH = 3;
    int EPERM = 1;
    int EAGAIN = 11;
    int EEXIST = 17;

    int SFD_CLOEXEC = 0x80000;

    int SIGKILL = 9;
    int SIGTERM = 15;

    int mkfifo(String path, int mode);

    int open(String path, int flags, int mode);

    long write(int fd, @In byte[] buf, long count);

    long read(int fd, @Out byte[] buf, long count);

    int close(int fd);

    int kill(int pid, int sig);

    int umask(int mask);

    int getpid();

    int geteuid();

    int getegid();

    int socket(int domain, int type, int protocol);

    int bind(int fd, @In byte[] addr, int addrlen);

    long sendto(int fd, @In byte[] buf, long len, int flags, @In byte[] addr, int addrlen);

    long recv(int fd, @Out byte[] buf, long len, int flags);

    Pointer getpwnam(String name);

    Pointer getpwuid(int uid);

    Pointer getgrnam(String name);

    String strerror(int errnum);

    /** signalfd(2): {@code mask} is a glibc {@code sigset_t} (128 bytes, bit signo-1). */
    int signalfd(int fd, @In byte[] mask, int flags);

    /** glibc's SIGRTMIN (34 with NPTL: two real-time signals are reserved for the thread library). */
    int __libc_current_sigrtmin();

    /** glibc's SIGRTMAX. */
    int __libc_current_sigrtmax();

    /** The process-wide binding, loaded on first use. */
    static LibC get() {
        return Holder.INSTANCE;
    }

    /** errno of the last failing call on this thread. */
    static int errno() {
        return Runtime.getRuntime(Holder.INSTANCE).getLastError();
    }

    /** "call: strerror (errno)" for exception messages. */
    static String describe(String call, int errno) {
        return call + ": " + Holder.INSTANCE.strerror(errno) + " (errno " + errno + ")";
    }

    /** Lazy holder so that loading libc happens once and only when a native call is needed. */
    final class Holder {
        static final LibC INSTANCE = LibraryLoader.create(LibC.class).load(LIBRARY);

        private Holder() {
        }
    }
}
