package org.jkeepalived.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made for one test, with a unique name, deleted by {@link #close()} even
 * when the test failed. Commands run with a time limit; a failing command fails the test loudly
 * (tests that need namespaces are never skipped).
 */
final class Netns implements AutoCloseable {
    private static final long COMMAND_TIMEOUT_SECONDS = 20;
    final String name;

    private Netns(String name) {
        this.name = name;
    }

    static Netns create(String prefix) throws IOException {
        String name = prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24, 1 << 28));
        run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    /** Runs {@code ip -n NS ARGS...} and returns stdout. */
    String ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(Arrays.asList(args));
        return run(command.toArray(String[]::new));
    }

    /** Runs a command inside the namespace and returns stdout. */
    String exec(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(Arrays.asList(args));
        return run(command.toArray(String[]::new));
    }

    /** Reads one sysctl value (e.g. "net/ipv4/conf/eth0/arp_ignore") inside the namespace. */
    String sysctl(String path) throws IOException {
        return exec("cat", "/proc/sys/" + path).trim();
    }

    static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // drain the output while the command runs, so a large output cannot block it
        java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try {
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            String text = new String(output.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("failed (exit " + process.exitValue() + "): " + String.join(" ", command)
                    + "\n" + text);
            }
            return text;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("no output from: " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        try {
            run("ip", "netns", "del", name);
        } catch (IOException e) {
            System.err.println("could not delete namespace " + name + ": " + e.getMessage());
        }
    }
}
