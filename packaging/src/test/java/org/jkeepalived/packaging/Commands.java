package org.jkeepalived.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external commands for the package ITs: bounded in time, output captured, failures explained. */
final class Commands {
    private static final long TIMEOUT_SECONDS = 180;
    private static final long DPKG_LOCK_WAIT_MILLIS = 120_000;

    private Commands() {
    }

    /** A finished command: exit status and merged stdout/stderr. */
    record Result(List<String> command, int exitCode, String output) {
        Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    static Result run(String... command) {
        return run(Map.of(), List.of(command));
    }

    static Result run(Map<String, String> environment, List<String> command) {
        try {
            Path output = Files.createTempFile("jkeepalived-it", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
                return new Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        }
    }

    /**
     * Runs dpkg with {@code args}; while another process (an apt run of another job) holds the
     * dpkg lock, retries for up to two minutes.
     */
    static Result dpkg(String... args) {
        List<String> command = new ArrayList<>(List.of("dpkg"));
        command.addAll(List.of(args));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DPKG_LOCK_WAIT_MILLIS);
        while (true) {
            Result result = run(Map.of("DEBIAN_FRONTEND", "noninteractive"), command);
            boolean locked = result.exitCode() != 0 && result.output().contains("lock");
            if (!locked || System.nanoTime() > deadline) {
                return result;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
        }
    }

    /** The package's dpkg status word ("installed", "config-files", "not-installed"). */
    static String packageStatus(String name) {
        Result result = run("dpkg-query", "-W", "-f=${db:Status-Status}", name);
        return result.exitCode() == 0 ? result.output().strip() : "not-installed";
    }

    static boolean onPath(String program) {
        return run("sh", "-c", "command -v " + program).exitCode() == 0;
    }
}
