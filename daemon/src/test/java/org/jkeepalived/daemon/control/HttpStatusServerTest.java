package org.jkeepalived.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jkeepalived.daemon.loop.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP listener on the loopback: routes, content types, methods. */
class HttpStatusServerTest {
    private HttpStatusServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        SnapshotPublisher publisher = new SnapshotPublisher(new EventLoop(), Snapshots::sample, Snapshots.sample());
        server = HttpStatusServer.start(new HttpListen(InetAddress.getLoopbackAddress(), 0), publisher);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesMetricsInTheExpositionFormat() throws Exception {
        HttpResponse<String> response = send("GET", "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(ExpositionFormat.check(response.body())).containsKey("keepalived_up");
    }

    @Test
    void servesStatusAsJsonOrAsTheTable() throws Exception {
        HttpResponse<String> json = send("GET", "/status");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(MiniJson.parse(json.body())).isInstanceOf(java.util.Map.class);
        HttpResponse<String> text = send("GET", "/status?format=text");
        assertThat(text.body()).isEqualTo(StatusTable.render(Snapshots.sample()));
    }

    @Test
    void refusesOtherPathsAndMethods() throws Exception {
        assertThat(send("GET", "/").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/admin").statusCode()).isEqualTo(404);
        HttpResponse<String> post = send("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> head = send("HEAD", "/metrics");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }
}
