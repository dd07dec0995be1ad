package org.jkeepalived.daemon.control;

import java.io.IOException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The client side of the control plane, for the {@code status}, {@code demote} and
 * {@code promote} subcommands: one request line to the control socket and its whole reply, or a
 * GET on the HTTP listener. Failures are {@link IOException}s whose message says what to check.
 */
public final class ControlClient {
    /** How long a reply may take: the daemon answers a demote within 5 s or says why not. */
    static final Duration TIMEOUT = Duration.ofSeconds(ControlProtocol.LOOP_TIMEOUT_SECONDS + 5);
    private static final int MAX_REPLY_BYTES = 16 * 1024 * 1024;

    private ControlClient() {
    }

    /** Sends {@code request} to the control socket at {@code socket} and returns the reply. */
    public static String request(Path socket, String request) throws IOException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new IOException("cannot connect to the control socket " + socket + " (" + e.getMessage()
                    + "): is jkeepalived running, with this --control-socket, and are you root?", e);
        }
        try (channel) {
            ByteBuffer out = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.shutdownOutput();
            java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (channel.read(in) >= 0) {
                reply.write(in.array(), 0, in.position());
                in.clear();
                if (reply.size() > MAX_REPLY_BYTES) {
                    throw new IOException("reply from " + socket + " larger than " + MAX_REPLY_BYTES + " bytes");
                }
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }

    /** GETs {@code path} (e.g. {@code /status?format=text}) from the listener at {@code base}. */
    public static String get(URI base, String path) throws IOException {
        URI uri = base.resolve(path);
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + uri, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid URL " + uri + ": " + e.getMessage(), e);
        }
    }
}
