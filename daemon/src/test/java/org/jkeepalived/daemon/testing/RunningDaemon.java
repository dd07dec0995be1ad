package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VRRP daemon (jkeepalived from the shaded jar, or keepalived 2.2.7) running in the foreground
 * inside a test namespace, with its configuration, pid files, dumps and console log in its own
 * directory. {@link #close()} always ends it: SIGTERM, then SIGKILL to it and its descendants if
 * it has not exited within 5 s. Not thread-safe; one test thread drives it.
 */
public final class RunningDaemon implements AutoCloseable {
    /** Which implementation runs. */
    public enum Kind { JKEEPALIVED, KEEPALIVED }

    private final Kind kind;
    private final String label;
    private final Process process;
    private final Path directory;
    private final Path logFile;
    private final Path controlSocket;

    private RunningDaemon(Kind kind, String label, Process process, Path directory, Path logFile) {
        this.controlSocket = controlSocketFor(directory, label);
        this.kind = kind;
        this.label = label;
        this.process = process;
        this.directory = directory;
        this.logFile = logFile;
    }

    /**
     * Writes {@code config} to {@code directory/keepalived.conf} and starts {@code kind} with it in
     * {@code ns}: console logging, detailed lines, no syslog, pid files (and for jkeepalived the
     * dump directory) inside {@code directory}.
     */
    public static RunningDaemon start(Kind kind, Netns ns, Path directory, String config) {
        return start(kind, ns, directory, config, new String[0]);
    }

    /**
     * As {@link #start(Kind, Netns, Path, String)}, with {@code extraArgs} appended to
     * jkeepalived's command line (e.g. {@code --http-listen 9650}). jkeepalived's control socket
     * is {@link #controlSocket()}, never the system default; keepalived
     * writes its SIGUSR1/SIGUSR2 dumps to {@code directory} ({@code TMPDIR}).
     */
    public static RunningDaemon start(Kind kind, Netns ns, Path directory, String config, String... extraArgs) {
        try {
            Files.createDirectories(directory);
            Path conf = directory.resolve("keepalived.conf");
            Files.writeString(conf, config, StandardCharsets.UTF_8);
            List<String> argv = kind == Kind.JKEEPALIVED
                    ? jkeepalivedCommand(ns, directory, conf, controlSocketFor(directory, label(kind, ns)), extraArgs)
                    : keepalivedCommand(ns, directory, conf);
            Path log = directory.resolve("daemon.log");
            ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // keepalived writes its signal dumps to $TMPDIR: keep them in this daemon's directory.
            builder.environment().put("TMPDIR", directory.toString());
            Process p = builder.start();
            p.getOutputStream().close();
            return new RunningDaemon(kind, label(kind, ns), p, directory, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + kind + " in " + ns.name(), e);
        }
    }

    private static String label(Kind kind, Netns ns) {
        return kind.name().toLowerCase() + "@" + ns.name();
    }

    /**
     * {@code directory/control.sock}, or when that is longer than a unix socket path may be (deep
     * build directories), a file in /tmp named after the daemon's unique namespace.
     */
    private static Path controlSocketFor(Path directory, String label) {
        Path inDirectory = directory.resolve("control.sock").toAbsolutePath();
        return inDirectory.toString().length() <= 100 ? inDirectory
                : Path.of("/tmp", "jkeepalived-" + label.replaceAll("[^A-Za-z0-9_.-]", "_") + ".sock");
    }

    private static List<String> jkeepalivedCommand(Netns ns, Path directory, Path conf, Path controlSocket,
                                                   String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("-n", "-l", "-D", "-G", "-f", conf.toString(),
                "-p", directory.resolve("main.pid").toString(), "-r", directory.resolve("vrrp.pid").toString(),
                "--dump-dir", directory.toString(), "--control-socket", controlSocket.toString()));
        args.addAll(List.of(extraArgs));
        return Jkeepalived.command(ns, args.toArray(String[]::new));
    }

    private static List<String> keepalivedCommand(Netns ns, Path directory, Path conf) {
        List<String> argv = new ArrayList<>(ns.execPrefix());
        argv.addAll(List.of("keepalived", "-n", "-l", "-D", "-G", "-P", "-f", conf.toString(),
                "-p", directory.resolve("main.pid").toString(), "-r", directory.resolve("vrrp.pid").toString(),
                "-c", directory.resolve("checkers.pid").toString()));
        return argv;
    }

    public Kind kind() {
        return kind;
    }

    public long pid() {
        return process.pid();
    }

    public Path directory() {
        return directory;
    }

    /** jkeepalived's control socket: in the daemon's directory, or in /tmp when that path is too long. */
    public Path controlSocket() {
        return controlSocket;
    }

    /**
     * keepalived only: asks for the SIGUSR2 statistics dump ({@code keepalived.stats} in the
     * daemon's directory, through {@code TMPDIR}) and returns it once completely written.
     */
    public String statsDump() {
        if (kind != Kind.KEEPALIVED) {
            throw new IllegalStateException("jkeepalived's statistics are on /metrics");
        }
        Path dump = directory.resolve("keepalived.stats");
        try {
            Files.deleteIfExists(dump);
            signal("USR2");
            // keepalived writes the file in place: wait until it ends with the last instance's last counter.
            return Poll.untilPresent(label + " writing " + dump, Duration.ofSeconds(5), () -> {
                try {
                    String text = Files.exists(dump) ? Files.readString(dump, StandardCharsets.UTF_8) : "";
                    return text.matches("(?s).*Priority Zero:\\s+Received: \\d+\\s+Sent: \\d+\\s*")
                            ? Optional.of(text) : Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the daemon has logged so far. */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log lines matching {@code regex} (found anywhere in the line). */
    public List<String> logLines(String regex) {
        Pattern p = Pattern.compile(regex);
        return log().lines().filter(l -> p.matcher(l).find()).toList();
    }

    /** Waits until a log line matches {@code regex} and returns that line. */
    public String awaitLog(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        return Poll.untilPresent(label + " logging /" + regex + "/", timeout, () -> {
            Matcher m = p.matcher(log());
            if (m.find()) {
                int start = log().lastIndexOf('\n', m.start()) + 1;
                int end = log().indexOf('\n', m.end());
                return Optional.of(log().substring(start, end < 0 ? log().length() : end));
            }
            if (!process.isAlive()) {
                throw new AssertionError(label + " exited " + process.exitValue() + " before logging /" + regex
                        + "/; log:\n" + log());
            }
            return Optional.empty();
        });
    }

    /** Waits until the number of log lines matching {@code regex} reaches {@code count}. */
    public void awaitLogCount(String regex, int count, Duration timeout) {
        Poll.until(label + " logging /" + regex + "/ " + count + " times", timeout, () -> logLines(regex).size() >= count);
    }

    /** Sends signal {@code name} (e.g. "TERM", "HUP", "USR2") to the daemon. */
    public void signal(String name) {
        Netns.run("kill", "-" + name, Long.toString(process.pid()));
    }

    /** Waits for the daemon to exit and returns its exit code; throws if it is still running then. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(label + " still running after " + timeout.toMillis() + " ms");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How long the process took to exit after {@code sinceNanos} (a {@link System#nanoTime()}), polled every 1 ms. */
    public Duration exitTimeSince(long sinceNanos, Duration timeout) {
        long deadline = sinceNanos + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() - deadline < 0) {
            Poll.pause(1);
        }
        if (process.isAlive()) {
            throw new AssertionError(label + " still running after " + timeout.toMillis() + " ms");
        }
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }

    /**
     * jkeepalived only: asks for the SIGUSR1 data dump and returns it once written. The dump's
     * counters include every rejection reason ({@code rejected REASON = N}).
     */
    public String dataDump() {
        if (kind != Kind.JKEEPALIVED) {
            throw new IllegalStateException("keepalived writes its dumps to a shared /tmp; read its log instead");
        }
        Path dump = directory.resolve("keepalived.data");
        try {
            Files.deleteIfExists(dump);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        signal("USR1");
        Poll.until(label + " writing " + dump, Duration.ofSeconds(5), () -> Files.exists(dump));
        try {
            return Files.readString(dump, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Either kind: sends {@code signal} (a name such as "USR2", or a number such as "36") and returns
     * the dump {@code fileName} in this daemon's directory once written ({@code keepalived.stats},
     * {@code keepalived.data}, {@code keepalived.json}).
     */
    public String dump(String signal, String fileName) {
        Path dump = directory.resolve(fileName);
        try {
            Files.deleteIfExists(dump);
            signal(signal);
            Poll.until(label + " writing " + dump, Duration.ofSeconds(5), () -> Files.exists(dump) && size(dump) > 0);
            // keepalived writes in place: wait until the size holds still before reading.
            long[] last = {-1};
            Poll.until(label + " finishing " + dump, Duration.ofSeconds(5), () -> {
                long now = size(dump);
                boolean stable = now == last[0];
                last[0] = now;
                return stable;
            });
            return Files.readString(dump, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** From a data dump: each non-zero error counter (keepalived's names and every rejection reason). */
    public static java.util.Map<String, Long> errorCounters(String dataDump) {
        java.util.Map<String, Long> errors = new java.util.TreeMap<>();
        Pattern line = Pattern.compile("^\\s+(\\w+_err|invalid_\\w+|authtype_mismatch|auth_failure|rejected \\w+) = (\\d+)$");
        for (String l : dataDump.split("\n")) {
            Matcher m = line.matcher(l);
            if (m.matches() && Long.parseLong(m.group(2)) > 0) {
                errors.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return errors;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            removeStrayControlSocket();
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        removeStrayControlSocket();
    }

    /** A daemon killed before its clean exit leaves its socket; one in /tmp would outlive the run. */
    private void removeStrayControlSocket() {
        if (controlSocket.startsWith("/tmp")) {
            try {
                Files.deleteIfExists(controlSocket);
            } catch (IOException e) {
                // best effort
            }
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
