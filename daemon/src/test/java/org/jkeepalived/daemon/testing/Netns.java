package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace created by a test, with a name unique to this run, deleted by
 * {@link #close()} (use try-with-resources or an {@code @AfterAll}). Requires root and iproute2:
 * when they are missing the constructor fails loudly, because a namespace test that silently skips
 * proves nothing.
 */
public final class Netns implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates {@code jk-<purpose>-<random>}; lo stays down, as in a fresh namespace. */
    public static Netns create(String purpose) {
        requireRoot();
        String name = "jk-" + purpose + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        run("ip", "netns", "add", name);
        return new Netns(name);
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip} inside this namespace ({@code ip -n NAME ...}); fails on a non-zero exit. */
    public String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** The argv prefix that runs a command inside this namespace. */
    public List<String> execPrefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /**
     * Creates a veth pair: {@code localName} in this namespace and {@code peerName} in {@code peer}.
     */
    public void vethTo(String localName, Netns peer, String peerName) {
        String tmp = "jkv" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        run("ip", "link", "add", tmp, "netns", name, "type", "veth", "peer", "name", peerName, "netns", peer.name);
        ip("link", "set", tmp, "name", localName);
    }

    @Override
    public void close() {
        try {
            exec(List.of("ip", "netns", "pids", name)).lines().map(String::trim).filter(s -> !s.isEmpty())
                    .forEach(pid -> exec(List.of("kill", "-9", pid)));
        } finally {
            exec(List.of("ip", "netns", "del", name));
        }
    }

    /** Fails unless the tests run as root with iproute2 available. */
    public static void requireRoot() {
        String uid = exec(List.of("id", "-u")).trim();
        if (!uid.equals("0")) {
            throw new IllegalStateException("namespace tests need root (uid is " + uid + "); run scripts/test.sh as root");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            throw new IllegalStateException("iproute2 'ip' not found; run scripts/install-deps.sh");
        }
    }

    /** Runs a command, returns stdout; throws with its stderr on a non-zero exit. */
    public static String run(String... argv) {
        ProcessResult r = ProcessResult.run(List.of(argv), null, COMMAND_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }

    private static String exec(List<String> argv) {
        return ProcessResult.run(argv, null, COMMAND_TIMEOUT).stdout();
    }

    /** Convenience for tests that need text written to a file. */
    public static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static long millis(Duration d) {
        return TimeUnit.NANOSECONDS.toMillis(d.toNanos());
    }
}
