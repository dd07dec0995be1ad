package org.jkeepalived.daemon.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The opt-in HTTP listener ({@code --http-listen}): {@code GET /metrics} (Prometheus text format
 * 0.0.4), {@code GET /status} (JSON; {@code ?format=text} gives the {@code jkeepalived status}
 * table). Served by the JDK's {@code com.sun.net.httpserver} on its own two daemon threads from
 * the published {@link Snapshot}: a request never reaches the event loop. Read-only: there is no
 * demote or promote over HTTP. Thread-safe.
 */
public final class HttpStatusServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private HttpStatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static HttpStatusServer start(HttpListen listen, SnapshotPublisher snapshots) throws IOException {
        // The JDK server writes headers and body separately: without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK hold every keep-alive response back by ~40 ms. Read once,
        // when the server's configuration class loads, so it must be set before the first create.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(listen.socketAddress(), 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, ControlServer.daemonThreads("jkeepalived-http"));
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange, snapshots.current());
            }
        });
        server.start();
        return new HttpStatusServer(server, executor);
    }

    private static void route(HttpExchange exchange, Snapshot snapshot) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        switch (path) {
            case "/metrics" -> send(exchange, 200, PrometheusWriter.CONTENT_TYPE, Metrics.render(snapshot));
            case "/status" -> {
                if ("format=text".equals(query)) {
                    send(exchange, 200, "text/plain; charset=utf-8", StatusTable.render(snapshot));
                } else {
                    send(exchange, 200, "application/json", StatusJson.render(snapshot) + "\n");
                }
            }
            default -> send(exchange, 404, "text/plain; charset=utf-8", "not found: use /metrics or /status\n");
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The bound port (useful with port 0 in tests). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
