package org.jkeepalived.netlink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A tcpdump capture inside a namespace, written to a file and decoded afterwards by
 * {@code tshark -V} (an independent dissector). Stopped and the file deleted by {@link #close()}.
 */
final class Capture implements AutoCloseable {
    private final Process tcpdump;
    private final Path file;

    Capture(Netns ns, String device, String filter) throws IOException, InterruptedException {
        file = Files.createTempFile("nlt-capture", ".pcap");
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name, "tcpdump", "-i", device,
            "-U", "-n", "-Z", "root", "-w", file.toString()));
        command.addAll(List.of(filter.split(" ")));
        tcpdump = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(tcpdump.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.contains("listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException ignored) {
                // tcpdump exited
            }
        }, "tcpdump-output");
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(10, TimeUnit.SECONDS)) {
            close();
            throw new IOException("tcpdump did not start listening on " + device + " in " + ns.name);
        }
    }

    /** tshark's one-line summaries of what was captured so far. */
    String summary(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        command.addAll(List.of(options));
        return Netns.run(command.toArray(String[]::new));
    }

    /** Waits until at least {@code count} packets matching a display filter are in the file. */
    void awaitPackets(String displayFilter, int count, long timeoutMillis) throws Exception {
        Poll.until(() -> count(displayFilter) >= count, timeoutMillis, count + " packets matching " + displayFilter);
    }

    /** How many captured packets match a display filter (tshark's own warnings are not counted). */
    long count(String displayFilter) throws IOException {
        return summary("-Y", displayFilter, "-T", "fields", "-e", "frame.number").lines()
            .filter(l -> l.matches("\\d+")).count();
    }

    /**
     * tshark's full decode ({@code -V}) of the packets matching a display filter, with IPv4
     * header checksum validation switched on.
     */
    String decode(String displayFilter) throws IOException {
        return summary("-V", "-o", "ip.check_checksum:TRUE", "-Y", displayFilter);
    }

    @Override
    public void close() {
        tcpdump.destroy();
        try {
            if (!tcpdump.waitFor(5, TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly();
            }
        } catch (InterruptedException e) {
            tcpdump.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
