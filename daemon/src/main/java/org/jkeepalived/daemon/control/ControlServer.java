package org.jkeepalived.daemon.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local control socket: a unix stream socket (mode 0600, in a directory created 0755), one
 * request line per connection and one reply, then the connection is closed
 * ({@link ControlProtocol}). An accept thread hands each connection to a small pool (at most
 * {@link #MAX_CLIENTS} at once, others are closed at once); a client that sends no full line
 * within {@link #REQUEST_TIMEOUT_SECONDS} s is disconnected. A socket file left by a dead daemon
 * is replaced; one a live process answers on is left alone (this daemon then runs without a
 * control socket). {@link #close()} removes the file if it is still ours. Thread-safe.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");
    static final int MAX_CLIENTS = 4;
    static final long REQUEST_TIMEOUT_SECONDS = 5;
    /** sun_path holds 108 bytes including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private final Path path;
    private final ServerSocketChannel server;
    private final Object fileKey;
    private final ControlProtocol protocol;
    private final ExecutorService clients;
    private final ScheduledExecutorService timeouts;
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(Path path, ServerSocketChannel server, ControlProtocol protocol) throws IOException {
        this.path = path;
        this.server = server;
        this.fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        this.protocol = protocol;
        this.clients = new ThreadPoolExecutor(0, MAX_CLIENTS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("jkeepalived-control-client"));
        this.timeouts = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                daemonThreads("jkeepalived-control-timeout"));
        this.acceptor = daemonThreads("jkeepalived-control").newThread(this::acceptLoop);
    }

    /**
     * Binds {@code path} and starts serving.
     *
     * @throws IOException when the directory or socket cannot be created, or a live process
     *                     already answers on {@code path}
     */
    static ControlServer start(Path path, ControlProtocol protocol) throws IOException {
        if (path.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException("longer than " + MAX_PATH_BYTES + " bytes, the limit of a unix socket path");
        }
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        removeStale(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 8);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            ControlServer control = new ControlServer(path, server, protocol);
            control.acceptor.start();
            return control;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new FileAlreadyExistsException(path.toString(), null, "another process answers on it");
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            // Nobody listens: a socket left by a daemon that died.
            Files.delete(path);
        }
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Control socket {}: accept failed: {}", path, e.getMessage());
                }
                return;
            }
            try {
                clients.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                closeQuietly(client);
            }
        }
    }

    private void serve(SocketChannel client) {
        ScheduledFuture<?> timeout = timeouts.schedule(() -> closeQuietly(client), REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try (client) {
            String request = readLine(client);
            timeout.cancel(false);
            if (request == null) {
                return;
            }
            ByteBuffer reply = ByteBuffer.wrap(protocol.answer(request).getBytes(StandardCharsets.UTF_8));
            while (reply.hasRemaining()) {
                client.write(reply);
            }
        } catch (IOException e) {
            LOG.debug("Control socket client: {}", e.getMessage());
        } finally {
            timeout.cancel(false);
        }
    }

    /** The first line (without its end), or null when the client closed or overran the limit first. */
    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(ControlProtocol.MAX_REQUEST_BYTES);
        while (buffer.hasRemaining()) {
            int n = client.read(buffer);
            for (int i = buffer.position() - Math.max(n, 0); i < buffer.position(); i++) {
                if (buffer.get(i) == '\n') {
                    return new String(buffer.array(), 0, i, StandardCharsets.UTF_8);
                }
            }
            if (n < 0) {
                return buffer.position() == 0 ? null : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        clients.shutdownNow();
        timeouts.shutdownNow();
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (java.util.Objects.equals(now.fileKey(), fileKey)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // already gone, or replaced by another daemon's socket: leave it
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
