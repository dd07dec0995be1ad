package org.jkeepalived.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client polling {@code http://ADDRESS/} from inside a namespace: one small Python process
 * (Debian's python3, standard library only) that starts a request every {@code intervalMillis}
 * whether or not the previous one finished (so an outage does not slow the polling down, and no
 * process is spawned per request), each with a {@code timeoutMillis} limit, at most
 * {@code maxRequests} times, until {@link #stop()}. Each request is one line of the results
 * file: start and end (epoch nanoseconds, the clock the captures use) and the body, empty when
 * it failed.
 */
public final class HttpPoller implements AutoCloseable {
    /** One request: when it started and ended, and what answered ("" for a failure). */
    public record Request(long startNanos, long endNanos, String body) {
        public boolean ok() {
            return !body.isEmpty();
        }
    }

    /** The poller: a thread per request, started on a fixed schedule; lines written under a lock. */
    private static final String POLLER = """
            import http.client, os, sys, threading, time
            address, interval, timeout, count, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
            lock = threading.Lock()
            def get():
                start = time.time_ns()
                body = ""
                try:
                    conn = http.client.HTTPConnection(address, 80, timeout=timeout / 1000)
                    conn.request("GET", "/")
                    response = conn.getresponse()
                    if response.status == 200:
                        body = response.read().decode().strip()
                    conn.close()
                except Exception:
                    pass
                with lock:
                    print(start, time.time_ns(), body, flush=True)
            next_start = time.monotonic()
            for i in range(count):
                if os.path.exists(stop):
                    break
                threading.Thread(target=get).start()
                next_start += interval / 1000
                time.sleep(max(0, next_start - time.monotonic()))
            """;

    private final Process process;
    private final Path results;
    private final Path stopFile;

    private HttpPoller(Process process, Path results, Path stopFile) {
        this.process = process;
        this.results = results;
        this.stopFile = stopFile;
    }

    public static HttpPoller start(Netns ns, Path directory, String address, int intervalMillis, int timeoutMillis,
                                   int maxRequests) {
        try {
            Files.createDirectories(directory);
            Path results = directory.resolve("requests.txt");
            Path stop = directory.resolve("STOP");
            Path script = directory.resolve("poller.py");
            Files.writeString(script, POLLER);
            List<String> argv = new ArrayList<>(ns.execPrefix());
            argv.addAll(List.of("/usr/bin/python3", script.toString(), address, Integer.toString(intervalMillis),
                    Integer.toString(timeoutMillis), Integer.toString(maxRequests), stop.toString()));
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(results.toFile())).start();
            return new HttpPoller(p, results, stop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HTTP poller", e);
        }
    }

    /** The requests finished so far, in the order they started. */
    public List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(results)) {
                String[] f = line.split(" ", 3);
                if (f.length >= 2 && f[0].matches("\\d+") && f[1].matches("\\d+")) {
                    requests.add(new Request(Long.parseLong(f[0]), Long.parseLong(f[1]), f.length == 3 ? f[2].trim() : ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requests.sort(java.util.Comparator.comparingLong(Request::startNanos));
        return requests;
    }

    /** Ends the loop after its current request and waits for it. */
    public void stop() {
        try {
            Files.writeString(stopFile, "");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
