package org.jkeepalived.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real keepalived 2.2.7 in a test namespace, in the foreground with a detailed log
 * ({@code -n -l -D -P}); stopped by {@link #close()} (SIGTERM, then SIGKILL for it and its VRRP
 * child) and its files deleted.
 */
final class Keepalived implements AutoCloseable {
    private final Path directory;
    private final Path log;
    private final Process process;

    Keepalived(Netns ns, String config) throws IOException {
        directory = Files.createTempDirectory("nlt-keepalived");
        Path conf = directory.resolve("keepalived.conf");
        Files.writeString(conf, config, StandardCharsets.UTF_8);
        log = directory.resolve("keepalived.log");
        process = new ProcessBuilder("ip", "netns", "exec", ns.name, "keepalived", "-n", "-l", "-D", "-P",
            "-f", conf.toString(), "-p", directory.resolve("keepalived.pid").toString(),
            "-r", directory.resolve("vrrp.pid").toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits until the log contains {@code text}. */
    void awaitLog(String text, long timeoutMillis) throws Exception {
        Poll.until(() -> log().contains(text), timeoutMillis, () -> "keepalived log line '" + text + "'; log:\n" + logQuietly());
    }

    private String logQuietly() {
        try {
            return log();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Path childPid = directory.resolve("vrrp.pid");
            if (Files.exists(childPid)) {
                long pid = Long.parseLong(Files.readString(childPid).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | InterruptedException | NumberFormatException e) {
            process.destroyForcibly();
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // temp files left behind are harmless
        }
    }
}
