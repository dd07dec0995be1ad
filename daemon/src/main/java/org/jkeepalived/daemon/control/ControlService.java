package org.jkeepalived.daemon.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.vrrp.VrrpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's status and control plane: the {@link SnapshotPublisher} (rebuilt on the loop after
 * every state or priority change and every second), the {@link Handover} commands, the control
 * socket and the optional HTTP listener. A socket or listener that cannot be opened is logged
 * and left out; the VRRP service runs on regardless.
 *
 * <p>{@link #start} and {@link #stateChanged} run on the loop thread; {@link #close} on any.
 */
public final class ControlService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");
    /** Where the control socket goes unless {@code --control-socket} says otherwise. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/jkeepalived/control.sock");

    private final EventLoop loop;
    private final Handover handover;
    private final SnapshotPublisher snapshots;
    private final Path socketPath;
    private final HttpListen httpListen;
    private ControlServer socket;
    private HttpStatusServer http;
    private volatile boolean closed;

    /**
     * @param socketPath the control socket, or null for none
     * @param httpListen the HTTP listener's address, or null for none
     * @param daemonInfo what the snapshot says about the process (called on the loop thread)
     */
    public ControlService(EventLoop loop, VrrpService vrrp, Path socketPath, HttpListen httpListen,
                          Supplier<Snapshot.DaemonInfo> daemonInfo) {
        this.loop = loop;
        this.socketPath = socketPath;
        this.httpListen = httpListen;
        this.handover = new Handover(loop, vrrp);
        this.snapshots = new SnapshotPublisher(loop,
                () -> SnapshotBuilder.build(vrrp, daemonInfo.get(), handover::demotedUntilMillis),
                Snapshot.starting(daemonInfo.get()));
        vrrp.onInstanceChange(snapshots::requestRebuild);
    }

    /** Opens the socket and the listener and publishes the first snapshot (loop thread). */
    public void start() {
        snapshots.rebuildNow();
        ControlProtocol protocol = new ControlProtocol(loop, snapshots, handover);
        if (socketPath != null) {
            try {
                socket = ControlServer.start(socketPath, protocol);
                LOG.info("Control socket listening on {}", socketPath);
            } catch (IOException e) {
                String why = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                        : e instanceof java.nio.file.FileSystemException ? e.toString() : e.getMessage();
                LOG.warn("Unable to open the control socket {}: {} - running without it", socketPath, why);
            } catch (RuntimeException e) {
                LOG.warn("Unable to open the control socket {}: {} - running without it", socketPath, e.toString());
            }
        }
        if (httpListen != null) {
            try {
                http = HttpStatusServer.start(httpListen, snapshots);
                LOG.info("HTTP status listener on {} (/metrics, /status)", httpListen);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Unable to listen for HTTP on {}: {} - running without it", httpListen,
                        e.getMessage() != null ? e.getMessage() : e.toString());
            }
        }
    }

    /** Something the snapshot shows changed outside an instance event (a reload): rebuild next turn. */
    public void stateChanged() {
        snapshots.requestRebuild();
    }

    /** The latest published snapshot (any thread). */
    public Snapshot snapshot() {
        return snapshots.current();
    }

    /** Stops the timers (loop thread, at shutdown) and closes the socket and listener. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop.inLoop()) {
            handover.cancelAll();
            loop.cancel(snapshots);
        }
        if (socket != null) {
            socket.close();
        }
        if (http != null) {
            http.close();
        }
    }
}
