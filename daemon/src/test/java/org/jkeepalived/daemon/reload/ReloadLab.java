package org.jkeepalived.daemon.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jkeepalived.daemon.testing.Jkeepalived;
import org.jkeepalived.daemon.testing.Netns;

/**
 * One real jkeepalived daemon in a namespace {@code lb} whose {@code eth0} (192.0.2.1/24) is a
 * veth to port {@code p0} of a bridge {@code br0} in a namespace {@code sw}, optionally with real
 * keepalived 2.2.7 as its peer in a namespace {@code kp} (192.0.2.2/24, port {@code p1}), watched
 * only from outside: the daemons' console logs, {@code ip monitor address} in {@code lb} (every
 * VIP deletion, however brief) and {@code tcpdump} of VRRP on {@code br0} (every advert,
 * priority 0 included). Everything runs in namespaces created here with unique names;
 * {@link #close()} stops the processes and deletes the namespaces even after a failure. Not
 * thread-safe: one test at a time.
 */
final class ReloadLab implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Path dir;
    private final Path config;
    private final List<Process> processes = new ArrayList<>();
    private Netns lb;
    private Netns sw;
    private Netns kp;
    private Process daemon;
    private Process peer;

    private ReloadLab(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("keepalived.conf");
    }

    /** Creates the namespaces, starts the address monitor and the capture, and waits until both see traffic. */
    static ReloadLab create(Path dir) {
        ReloadLab lab = new ReloadLab(dir);
        try {
            lab.lb = Netns.create("rl-lb");
            lab.sw = Netns.create("rl-sw");
            lab.sw.ip("link", "add", "br0", "type", "bridge");
            lab.sw.ip("link", "set", "br0", "up");
            lab.lb.vethTo("eth0", lab.sw, "p0");
            lab.lb.ip("link", "set", "lo", "up");
            lab.lb.ip("addr", "add", "192.0.2.1/24", "dev", "eth0");
            lab.lb.ip("link", "set", "eth0", "up");
            lab.sw.ip("link", "set", "p0", "master", "br0", "up");
            lab.startWatchers();
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void startWatchers() {
        spawn(List.of("ip", "-n", lb.name(), "monitor", "address"), dir.resolve("monitor.txt"), dir.resolve("monitor.err"));
        // Handshake: the monitor is listening once it reports an address added for that purpose;
        // one added before it subscribed goes unseen, so a new one is added until one is reported.
        int[] handshake = {0};
        long[] addedAt = {0};
        await("ip monitor to report a handshake address", () -> {
            if (handshake[0] > 0 && read("monitor.txt").contains("203.0.113." + handshake[0] + "/")) {
                return true;
            }
            if (handshake[0] < 200 && System.nanoTime() - addedAt[0] > TimeUnit.MILLISECONDS.toNanos(200)) {
                handshake[0]++;
                lb.ip("addr", "add", "203.0.113." + handshake[0] + "/32", "dev", "lo");
                addedAt[0] = System.nanoTime();
            }
            return false;
        });
        List<String> tcpdump = new ArrayList<>(sw.execPrefix());
        tcpdump.addAll(List.of("tcpdump", "-l", "-n", "-v", "-i", "br0", "ip proto 112"));
        spawn(tcpdump, dir.resolve("wire.txt"), dir.resolve("wire.err"));
        await("tcpdump to listen on br0", () -> read("wire.err").contains("listening on"));
    }

    void writeConfig(String text) {
        try {
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the daemon in the foreground with the current configuration ({@code -n -l -D -G}). */
    void startDaemon() {
        List<String> argv = Jkeepalived.command(lb, "-n", "-l", "-D", "-G", "-f", config.toString(),
                "-p", dir.resolve("keepalived.pid").toString(), "-r", dir.resolve("vrrp.pid").toString());
        daemon = spawn(argv, dir.resolve("daemon.log"), dir.resolve("daemon.log"));
        await("the daemon to write its pid file", () -> Files.isRegularFile(dir.resolve("keepalived.pid"))
                && !read("keepalived.pid").isBlank());
    }

    /**
     * Starts keepalived 2.2.7 ({@code -n -l -D -G -P}) with {@code config} in its own namespace on
     * the same bridge; its eth0 is 192.0.2.2/24.
     */
    void startKeepalivedPeer(String config) {
        kp = Netns.create("rl-kp");
        kp.vethTo("eth0", sw, "p1");
        kp.ip("link", "set", "lo", "up");
        kp.ip("addr", "add", "192.0.2.2/24", "dev", "eth0");
        kp.ip("link", "set", "eth0", "up");
        sw.ip("link", "set", "p1", "master", "br0", "up");
        Path file = dir.resolve("peer.conf");
        try {
            Files.writeString(file, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = new ArrayList<>(kp.execPrefix());
        argv.addAll(List.of("keepalived", "-n", "-l", "-D", "-G", "-P", "-f", file.toString(),
                "-p", dir.resolve("peer.pid").toString(), "-r", dir.resolve("peer-vrrp.pid").toString(),
                "-c", dir.resolve("peer-check.pid").toString()));
        peer = spawn(argv, dir.resolve("peer.log"), dir.resolve("peer.log"));
    }

    String peerLog() {
        return read("peer.log");
    }

    void awaitPeerLog(String text) {
        await("keepalived to log '" + text + "'", () -> peerLog().contains(text));
    }

    boolean peerHasAddress(String vip) {
        return kp.ip("-o", "addr", "show", "dev", "eth0").contains(" " + vip + "/");
    }

    /** Adverts from {@code source} for {@code vrid} with {@code priority}, as tcpdump printed them. */
    int advertsFrom(String source, int vrid, int priority) {
        String prefix = source + " > ";
        return (int) read("wire.txt").lines().filter(l -> l.contains(prefix) && l.contains("vrid " + vrid + ", prio "
                + priority + ",")).count();
    }

    /** Runs {@code ip} in the daemon's namespace (e.g. to add or flip a tracked interface). */
    String lbIp(String... args) {
        return lb.ip(args);
    }

    /** Sends SIGHUP to the daemon, as {@code kill -HUP $(cat keepalived.pid)} would. */
    void hup() {
        String pid = read("keepalived.pid").trim();
        Netns.run("kill", "-HUP", pid);
    }

    /** Waits until the daemon logged {@code n} finished reloads (applied, unchanged or rejected). */
    void awaitReloads(int n) {
        await(n + " reload(s) to finish", () -> finishedReloads() >= n);
    }

    int finishedReloads() {
        String log = log();
        return count(log, "Reload: ") + count(log, "Configuration unchanged") + count(log, "Reload of configuration failed")
                + count(log, "Reload failed");
    }

    String log() {
        return read("daemon.log");
    }

    /** Lines of the daemon log that contain {@code text}. */
    int logLines(String text) {
        return count(log(), text);
    }

    void awaitLog(String text) {
        await("the daemon to log '" + text + "'", () -> log().contains(text));
    }

    /** Waits for an instance to be MASTER with {@code vip} on eth0. */
    void awaitMaster(String instance, String vip) {
        awaitLog("(" + instance + ") Entering MASTER STATE");
        awaitAddress(vip, true);
    }

    boolean hasAddress(String vip) {
        return lb.ip("-o", "addr", "show", "dev", "eth0").contains(" " + vip + "/");
    }

    void awaitAddress(String vip, boolean present) {
        await(vip + (present ? " to be on eth0" : " to leave eth0"), () -> hasAddress(vip) == present);
    }

    /** How many times {@code ip monitor} saw {@code vip} deleted since the lab started. */
    int deletions(String vip) {
        int n = 0;
        for (String line : read("monitor.txt").split("\n")) {
            if (line.startsWith("Deleted") && line.contains(" " + vip + "/")) {
                n++;
            }
        }
        return n;
    }

    /** Adverts for {@code vrid} captured on the wire, and among them those with priority 0. */
    int adverts(int vrid) {
        return count(read("wire.txt"), "vrid " + vrid + ",");
    }

    int priorityZeroAdverts(int vrid) {
        return count(read("wire.txt"), "vrid " + vrid + ", prio 0,");
    }

    /** Waits until {@code more} further adverts for {@code vrid} crossed the wire. */
    void awaitMoreAdverts(int vrid, int more) {
        int target = adverts(vrid) + more;
        await(more + " more adverts for VRID " + vrid, () -> adverts(vrid) >= target);
    }

    /** Waits until an advert for {@code vrid} carrying exactly {@code count} addresses is captured. */
    void awaitAdvertWithAddresses(int vrid, int count) {
        await("an advert for VRID " + vrid + " with " + count + " addresses", () -> read("wire.txt").lines()
                .anyMatch(l -> l.contains("vrid " + vrid + ",") && l.contains("addrs(" + count + ")")));
    }

    /**
     * nginx in {@code lb} answering on port 8080 of every address (so on the VIPs), and a client
     * in {@code sw} (192.0.2.254) requesting {@code http://VIP:8080/} back to back, each result's
     * HTTP code on a line of {@code client.txt} (000 = no answer within 1 s). The client loop is
     * bounded: 3000 requests, 60 s.
     */
    void startNginxAndClient(String vip) {
        sw.ip("addr", "add", "192.0.2.254/24", "dev", "br0");
        Path prefix = dir.resolve("nginx");
        try {
            Files.createDirectories(prefix.resolve("tmp"));
            Files.writeString(prefix.resolve("nginx.conf"), "worker_processes 1;\npid " + prefix.resolve("nginx.pid")
                    + ";\nevents { worker_connections 64; }\nhttp {\n access_log off;\n client_body_temp_path "
                    + prefix.resolve("tmp") + ";\n proxy_temp_path " + prefix.resolve("tmp") + ";\n fastcgi_temp_path "
                    + prefix.resolve("tmp") + ";\n uwsgi_temp_path " + prefix.resolve("tmp") + ";\n scgi_temp_path "
                    + prefix.resolve("tmp") + ";\n server {\n  listen 8080;\n  location / { return 200 \"lb1\\n\"; }\n }\n}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> nginx = new ArrayList<>(lb.execPrefix());
        nginx.addAll(List.of("nginx", "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-e", prefix.resolve("error.log").toString(), "-g", "daemon off;"));
        spawn(nginx, dir.resolve("nginx.out"), dir.resolve("nginx.out"));
        List<String> listening = new ArrayList<>(lb.execPrefix());
        listening.addAll(List.of("ss", "-ltnH", "sport = :8080"));
        await("nginx to listen on port 8080", () -> !Netns.run(listening.toArray(String[]::new)).isBlank());
        List<String> client = new ArrayList<>(sw.execPrefix());
        client.addAll(List.of("timeout", "60", "bash", "-c", "for i in $(seq 1 3000); do curl -s -o /dev/null"
                + " -w '%{http_code}\\n' --max-time 1 http://" + vip + ":8080/; done"));
        spawn(client, dir.resolve("client.txt"), dir.resolve("client.err"));
        await("the client's first answer from " + vip, () -> clientAnswers("200") > 0);
    }

    /** Client results with this HTTP code so far. */
    int clientAnswers(String code) {
        return (int) read("client.txt").lines().filter(code::equals).count();
    }

    /** How many requests the client has finished so far. */
    int clientResults() {
        return (int) read("client.txt").lines().count();
    }

    /** Client results that were not a 200, among those after the first {@code skip}. */
    List<String> clientErrorsAfter(int skip) {
        return read("client.txt").lines().skip(skip).filter(l -> !l.equals("200")).toList();
    }

    /** Waits until the client got {@code more} further answers (of any code). */
    void awaitMoreClientResults(int more) {
        int target = (int) read("client.txt").lines().count() + more;
        await(more + " more client requests", () -> read("client.txt").lines().count() >= target);
    }

    /** What the test saw, for failure messages. */
    String evidence() {
        return "--- daemon log ---\n" + log() + "\n--- ip monitor ---\n" + read("monitor.txt")
                + (kp == null ? "" : "\n--- keepalived log ---\n" + peerLog());
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** Polls {@code condition} every 20 ms until it holds, failing after {@link #DEADLINE}. */
    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting for " + what + "\n"
                        + evidence());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private String read(String name) {
        try {
            Path file = dir.resolve(name);
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process spawn(List<String> argv, Path out, Path err) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        if (out.equals(err)) {
            pb.redirectErrorStream(true).redirectOutput(out.toFile());
        } else {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        }
        try {
            Process p = pb.start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
    }

    /** Stops the daemon (SIGTERM, then SIGKILL), the watchers, then deletes both namespaces. */
    @Override
    public void close() {
        try {
            for (Process p : new Process[] {daemon, peer}) {
                if (p != null && p.isAlive()) {
                    p.destroy();
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
            }
            if (lb != null) {
                lb.close();
            }
            if (kp != null) {
                kp.close();
            }
            if (sw != null) {
                sw.close();
            }
        }
    }
}
