package org.jkeepalived.netlink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test-only main class running in a child JVM inside a namespace ({@code ip netns exec NS java
 * -cp <test classpath> MAIN}), driven line by line over stdin/stdout. The pcap library is not
 * named on the command line: {@link PcapLibrary} must find Debian's libpcap0.8 by itself. The JVM is killed by
 * {@link #close()}. Every wait has a deadline.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final List<String> unconsumed = new ArrayList<>();
    private final List<String> transcript = new CopyOnWriteArrayList<>();

    ChildJvm(String namespace, Class<?> main, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1",
            "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "child-" + main.getSimpleName());
        reader.setDaemon(true);
        reader.start();
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                transcript.add(line);
                synchronized (unconsumed) {
                    unconsumed.add(line);
                    unconsumed.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the child exited
        }
    }

    /** Sends one command line. */
    void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    /**
     * Waits for the first not yet consumed line matching {@code wanted} and consumes it; other
     * lines stay for later waits. Fails at the deadline, when the child exits, or (when
     * {@code failOnError}) when an "ERR" line appears.
     */
    String await(Predicate<String> wanted, long timeoutMillis, String what) throws IOException {
        return await(wanted, timeoutMillis, what, false);
    }

    private String await(Predicate<String> wanted, long timeoutMillis, String what, boolean failOnError)
            throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (unconsumed) {
            while (true) {
                for (Iterator<String> it = unconsumed.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (failOnError && line.startsWith("ERR ")) {
                        it.remove();
                        throw new IOException("child reported: " + line + "\nchild output:\n"
                            + String.join("\n", transcript));
                    }
                    if (wanted.test(line)) {
                        it.remove();
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new IOException((process.isAlive() ? "timed out after " + timeoutMillis + " ms" : "child exited")
                        + " waiting for " + what + "; child output:\n" + String.join("\n", transcript));
                }
                try {
                    unconsumed.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for " + what, e);
                }
            }
        }
    }

    /** Sends a command and waits for its "OK ..." answer; an "ERR ..." answer fails. */
    String call(String command, long timeoutMillis) throws IOException {
        send(command);
        return await(l -> l.startsWith("OK"), timeoutMillis, "OK for " + command, true);
    }

    List<String> transcript() {
        return List.copyOf(transcript);
    }

    @Override
    public void close() {
        try {
            send("quit");
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
