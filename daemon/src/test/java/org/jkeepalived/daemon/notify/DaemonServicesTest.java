package org.jkeepalived.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jkeepalived.config.ConfigParser;
import org.jkeepalived.config.HostInterfaces;
import org.jkeepalived.config.ParseOptions;
import org.jkeepalived.config.ScriptEnvironment;
import org.jkeepalived.config.model.KeepalivedConfig;
import org.jkeepalived.daemon.loop.EventLoop;
import org.jkeepalived.daemon.os.ScriptChecker;
import org.jkeepalived.daemon.os.Scripts;
import org.jkeepalived.daemon.track.ScriptTracker;
import org.jkeepalived.daemon.track.TrackedSource;
import org.jkeepalived.daemon.track.TrackerSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services for a parsed keepalived.conf on the daemon's real event loop, including a reload. */
class DaemonServicesTest {
    @TempDir
    Path dir;

    private EventLoop loop;
    private Thread loopThread;
    private final List<String> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startLoop() {
        loop = new EventLoop();
        loopThread = new Thread(loop::run, "test-loop");
        loopThread.start();
    }

    @AfterEach
    void stopLoop() throws InterruptedException {
        loop.post(loop::stop);
        loopThread.join(5000);
        assertThat(loopThread.isAlive()).isFalse();
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.post(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.sleep(10);
        }
    }

    private KeepalivedConfig parse(String flagPath) throws IOException {
        Path chk = Scripts.write(dir, "chk.sh", "test -e '" + flagPath + "'");
        Path notify = Scripts.argvRecorder(dir, "notify.sh", dir.resolve("argv.txt"));
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                global_defs {
                    vrrp_notify_fifo %1$s/vrrp.fifo
                }
                vrrp_script chk {
                    script "%2$s"
                    interval 0.1
                    weight -20
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        192.0.2.100/24
                    }
                    track_script {
                        chk
                    }
                    track_interface {
                        eth1 weight -30
                    }
                    notify "%3$s x"
                }
                """.formatted(dir, chk, notify));
        ParseOptions options = new ParseOptions("lb1", false, HostInterfaces.of(Map.of("eth0", List.of("192.0.2.1/24"),
                "eth1", List.of())), ScriptEnvironment.system(), dir);
        return ConfigParser.parse(conf, options).config();
    }

    private DaemonServices create(KeepalivedConfig config, DaemonServices previous) throws Exception {
        ScriptChecker checker = new ScriptChecker(false, null, null, Map.of("PATH", "/usr/bin:/bin")).quiet();
        return onLoop(() -> DaemonServices.create(config, checker, loop,
                (TrackedSource s) -> changes.add(s.name()), previous, "lb1", "root"));
    }

    @Test
    void runsTrackersAndNotificationsOnTheLoopAndSurvivesAReload() throws Exception {
        Path flag = dir.resolve("healthy");
        KeepalivedConfig config = parse(flag.toString());
        DaemonServices services = create(config, null);
        TrackerSet set = onLoop(() -> services.trackerSetFor(config.instance("VI_1"), null, name -> true));

        await(() -> changes.contains("chk"));
        assertThat(onLoop(() -> set.effectivePriority(100))).as("script failing: -20").isEqualTo(80);
        Files.createFile(flag);
        await(() -> {
            try {
                return onLoop(() -> set.effectivePriority(100)) == 100;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        onLoop(() -> {
            services.linkChanged("eth1", false);
            return null;
        });
        assertThat(onLoop(() -> set.effectivePriority(100))).isEqualTo(70);
        assertThat(changes).contains("eth1");

        onLoop(() -> {
            services.instanceState("VI_1", NotifyState.MASTER, 70);
            return null;
        });
        await(() -> Files.exists(dir.resolve("argv.txt")) && lines(dir.resolve("argv.txt")).size() >= 6);
        assertThat(lines(dir.resolve("argv.txt"))).containsExactly("x", "INSTANCE", "VI_1", "MASTER", "70", "--");
        try (FileInputStream fifo = new FileInputStream(dir.resolve("vrrp.fifo").toFile())) {
            byte[] buf = new byte[64];
            int n = fifo.read(buf);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo("INSTANCE \"VI_1\" MASTER 70\n");
        }

        DaemonServices reloaded = create(config, services);
        TrackerSet reloadedSet = onLoop(() -> reloaded.trackerSetFor(config.instance("VI_1"), null, name -> true));
        assertThat(onLoop(() -> reloaded.trackers().scripts().get("chk").status())).isEqualTo(ScriptTracker.Status.GOOD);
        assertThat(onLoop(() -> reloadedSet.effectivePriority(100))).as("states carried over").isEqualTo(70);
        assertThat(dir.resolve("vrrp.fifo")).exists();

        onLoop(() -> {
            reloaded.close();
            return null;
        });
        assertThat(dir.resolve("vrrp.fifo")).as("created by us, removed at shutdown").doesNotExist();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
