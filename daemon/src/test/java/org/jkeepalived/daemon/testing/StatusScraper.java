package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes a jkeepalived HTTP listener from inside its namespace in a tight loop: one Python
 * process (standard library only) alternating {@code GET /metrics} and {@code GET /status} on
 * one keep-alive connection, the next request as soon as the previous answered, at most
 * {@code maxRequests} times or until {@link #stop()}. Each request is one line of the results
 * file: path, HTTP status (0 for a failure), latency in microseconds. {@link #fetch} is a single
 * request.
 */
public final class StatusScraper implements AutoCloseable {
    /** One request of the loop. */
    public record Request(String path, int status, long micros) {
    }

    private static final String SCRAPER = """
            import http.client, os, sys, time
            port, count, stop = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            for i in range(count):
                if os.path.exists(stop):
                    break
                path = "/metrics" if i % 2 == 0 else "/status"
                start = time.monotonic_ns()
                status = 0
                try:
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                except Exception:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                print(path, status, (time.monotonic_ns() - start) // 1000, flush=True)
            """;

    private final Process process;
    private final Path results;
    private final Path stopFile;

    private StatusScraper(Process process, Path results, Path stopFile) {
        this.process = process;
        this.results = results;
        this.stopFile = stopFile;
    }

    /** Starts scraping {@code 127.0.0.1:port} in {@code ns}; results go to {@code directory}. */
    public static StatusScraper start(Netns ns, int port, Path directory, int maxRequests) {
        try {
            Files.createDirectories(directory);
            Path script = directory.resolve("scraper.py");
            Path results = directory.resolve("scrapes.txt");
            Path stop = directory.resolve("scraper.stop");
            Files.writeString(script, SCRAPER);
            Files.deleteIfExists(stop);
            List<String> argv = new ArrayList<>(ns.execPrefix());
            argv.addAll(List.of("python3", script.toString(), Integer.toString(port), Integer.toString(maxRequests),
                    stop.toString()));
            Process p = new ProcessBuilder(argv).redirectErrorStream(false)
                    .redirectOutput(results.toFile()).redirectError(directory.resolve("scraper.err").toFile()).start();
            return new StatusScraper(p, results, stop);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The requests made so far. */
    public List<Request> requests() {
        try {
            List<Request> out = new ArrayList<>();
            for (String line : Files.readAllLines(results)) {
                String[] f = line.split(" ");
                if (f.length == 3) {
                    out.add(new Request(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2])));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the loop and waits for the process to end (at most 10 s). */
    public List<Request> stop() {
        try {
            Files.writeString(stopFile, "stop");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return requests();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    /** One GET of {@code path} on {@code 127.0.0.1:port} in {@code ns}; throws unless it answers 200. */
    public static String fetch(Netns ns, int port, String path) {
        List<String> argv = new ArrayList<>(ns.execPrefix());
        argv.addAll(List.of("curl", "-sfS", "--max-time", "5", "http://127.0.0.1:" + port + path));
        ProcessResult result = ProcessResult.run(argv, Path.of("."), Duration.ofSeconds(10));
        if (result.exitCode() != 0) {
            throw new AssertionError("GET " + path + " in " + ns.name() + " failed: " + result.stderr());
        }
        return result.stdout();
    }
}
