package org.jkeepalived.daemon.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jkeepalived.daemon.testing.Poll;
import org.jkeepalived.daemon.testing.RunningDaemon;
import org.jkeepalived.daemon.testing.RunningDaemon.Kind;
import org.jkeepalived.daemon.testing.TestDirs;
import org.jkeepalived.daemon.testing.Topology;
import org.jkeepalived.daemon.testing.Topology.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code fifo_write_vrrp_states_on_reload}: after a SIGHUP keepalived 2.2.7 writes to the notify
 * FIFO the state of every sync group it kept, then of every kept instance that is not MASTER (a
 * reloaded MASTER re-asserts and writes nothing). lb2 runs a priority-200 master of VRID 53 so
 * that on lb1 VI_7 and its group G1 (with VI_6) are BACKUP while VI_1 is MASTER. The lines written
 * after the SIGHUP are compared with keepalived 2.2.7's in the same setup.
 */
class FifoStatesOnReloadIT {
    private static Topology lan;
    private static Node lb1;
    private static Node lb2;
    private static Path dir;

    @BeforeAll
    static void lan() {
        dir = TestDirs.create("fifo-reload");
        lan = Topology.of("lb1", "lb2");
        lb1 = lan.node("lb1");
        lb2 = lan.node("lb2");
    }

    @AfterAll
    static void removeLan() {
        if (lan != null) {
            lan.close();
        }
    }

    @Test
    void statesAreWrittenToTheFifoAfterAReloadAsKeepalivedDoes() throws Exception {
        String peer = instance("VI_7", 53, "MASTER", 200, "192.0.2.107/24");
        try (RunningDaemon master = RunningDaemon.start(Kind.JKEEPALIVED, lb2.ns(), dir.resolve("peer"), peer)) {
            master.awaitLog("\\(VI_7\\) Entering MASTER STATE", Duration.ofSeconds(15));
            List<String> theirs = linesAfterReload(Kind.KEEPALIVED);
            List<String> ours = linesAfterReload(Kind.JKEEPALIVED);
            assertThat(theirs).as("keepalived 2.2.7, the reference").containsExactly("GROUP \"G1\" BACKUP 0",
                    "INSTANCE \"VI_6\" BACKUP 100", "INSTANCE \"VI_7\" BACKUP 100");
            assertThat(ours).as("jkeepalived vs keepalived 2.2.7").isEqualTo(theirs);
        }
    }

    private static String instance(String name, int vrid, String state, int priority, String vip) {
        return "vrrp_instance " + name + " {\n  state " + state + "\n  interface eth0\n  virtual_router_id " + vrid
                + "\n  priority " + priority + "\n  advert_int 1\n  virtual_ipaddress {\n    " + vip + " dev eth0\n  }\n}\n";
    }

    /** Runs {@code kind} on lb1 until settled, sends SIGHUP and returns the FIFO lines written after it. */
    private static List<String> linesAfterReload(Kind kind) throws IOException {
        Path d = dir.resolve(kind.name().toLowerCase());
        Files.createDirectories(d);
        Path fifo = d.resolve("notify.fifo");
        String config = "global_defs {\n  notify_fifo " + fifo + "\n  fifo_write_vrrp_states_on_reload\n}\n"
                + "vrrp_sync_group G1 {\n  group {\n    VI_6\n    VI_7\n  }\n}\n"
                + instance("VI_1", 51, "MASTER", 150, "192.0.2.100/24")
                + instance("VI_6", 52, "BACKUP", 100, "192.0.2.106/24")
                + instance("VI_7", 53, "BACKUP", 100, "192.0.2.107/24");
        Path fifoOut = d.resolve("fifo.out");
        try (RunningDaemon daemon = RunningDaemon.start(kind, lb1.ns(), d, config)) {
            Poll.until(kind + " creating its FIFO", Duration.ofSeconds(10), () -> Files.exists(fifo));
            // keepalived closes and re-opens its FIFOs on a reload: read again after each end of file.
            Process reader = new ProcessBuilder("timeout", "60", "sh", "-c",
                    "while :; do cat '" + fifo + "' || sleep 0.05; done").redirectOutput(fifoOut.toFile()).start();
            try {
                Poll.until(kind + ": VI_1 MASTER, G1 BACKUP", Duration.ofSeconds(15),
                        () -> read(fifoOut).contains("INSTANCE \"VI_1\" MASTER 150")
                                && read(fifoOut).contains("GROUP \"G1\" BACKUP 0")
                                && daemon.logLines("\\(VI_1\\) Entering MASTER STATE").size() == 1);
                Poll.holdsFor(kind + " settled", Duration.ofSeconds(1),
                        () -> !read(fifoOut).contains("MASTER 100") && !read(fifoOut).contains("G1\" MASTER"));
                int before = read(fifoOut).lines().toList().size();
                daemon.signal("HUP");
                Poll.until(kind + " writing the states after the reload", Duration.ofSeconds(10),
                        () -> read(fifoOut).lines().count() >= before + 3);
                long reached = read(fifoOut).lines().count();
                Poll.holdsFor(kind + " writing nothing more", Duration.ofSeconds(1),
                        () -> read(fifoOut).lines().count() == reached);
                return read(fifoOut).lines().skip(before).toList();
            } finally {
                reader.descendants().forEach(ProcessHandle::destroyForcibly);
                reader.destroyForcibly();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
