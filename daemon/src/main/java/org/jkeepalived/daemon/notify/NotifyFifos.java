package org.jkeepalived.daemon.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jkeepalived.daemon.os.Fifo;
import org.jkeepalived.daemon.os.PreparedScript;
import org.jkeepalived.daemon.os.ScriptRunner;

/**
 * The VRRP notify FIFOs: {@code notify_fifo} (all events) and {@code vrrp_notify_fifo} (VRRP
 * events; ignored when it names the same path). Each is created if absent, its
 * {@code *_fifo_script} started with the FIFO path appended (no timeout, as keepalived's
 * TIMER_NEVER), then opened non-blocking; every line goes to every open FIFO. A FIFO that cannot
 * be created or opened is logged with keepalived's words and skipped. Loop thread only.
 */
public final class NotifyFifos implements AutoCloseable {
    /** One configured FIFO: path, optional reader script, optional owner for a created FIFO. */
    public record Spec(Path path, PreparedScript script, String user, String group) {
    }

    private final List<Fifo> fifos = new ArrayList<>();

    private NotifyFifos() {
    }

    /** No FIFOs configured. */
    public static NotifyFifos none() {
        return new NotifyFifos();
    }

    /**
     * Opens the configured FIFOs.
     *
     * @param global   notify_fifo, or null
     * @param vrrp     vrrp_notify_fifo, or null
     */
    public static NotifyFifos open(Spec global, Spec vrrp, ScriptRunner runner, long nowNanos) {
        NotifyFifos fifos = new NotifyFifos();
        if (global != null) {
            fifos.openOne(global, "", runner, nowNanos);
        }
        if (vrrp != null && (global == null || !vrrp.path().equals(global.path()))) {
            fifos.openOne(vrrp, "vrrp ", runner, nowNanos);
        }
        return fifos;
    }

    /** Whether any FIFO is open. */
    public boolean any() {
        return !fifos.isEmpty();
    }

    /** Writes {@code line} (already newline-terminated) to every open FIFO, never blocking. */
    public void write(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        for (Fifo fifo : fifos) {
            fifo.write(bytes);
        }
    }

    /** Unlinks FIFOs we created and closes all. */
    @Override
    public void close() {
        fifos.forEach(Fifo::close);
        fifos.clear();
    }

    private void openOne(Spec spec, String typePrefix, ScriptRunner runner, long nowNanos) {
        Runnable startReader = () -> {
            if (spec.script() != null) {
                runner.start("fifo script", spec.script(), List.of(spec.path().toString()), nowNanos, 0, null);
            }
        };
        try {
            fifos.add(Fifo.open(spec.path(), typePrefix, spec.user(), spec.group(), startReader));
        } catch (IOException e) {
            // Fifo.open has logged keepalived's line; the daemon carries on without this FIFO.
        }
    }
}
