package dev.chorus.signaling.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chorus.signaling.SignalingServiceApplication;
import dev.chorus.testsupport.ChorusServersInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = SignalingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ChorusServersInitializer.class)
class HandshakeRefusalTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noTokenIsRefusedBeforeTheUpgradeWithAProblemDetail() {
        assertRefused("ws://localhost:" + port + "/ws");
    }

    @Test
    void aForgedTokenIsRefusedBeforeTheUpgrade() {
        assertRefused("ws://localhost:" + port + "/ws?access_token=eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
    }

    @Test
    void unknownHttpPathsAnswerProblemDetails() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void metricsAreServedForPrometheus() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("chorus_signaling_sockets_open", "chorus_signaling_subscriptions",
                "chorus_signaling_events_in_total", "chorus_signaling_events_out_total",
                "chorus_signaling_fanout_latency_seconds_bucket", "chorus_signaling_sockets_dropped_slow_total");
    }

    private void assertRefused(String uri) {
        Throwable failure = catchThrowable(() -> http.newWebSocketBuilder()
                .buildAsync(URI.create(uri), new WebSocket.Listener() { }).join());

        assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> response = ((WebSocketHandshakeException) failure.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(String.valueOf(response.body()));
        assertThat(problem.path("type").asString()).isEqualTo("https://chorus.dev/problems/signaling/unauthenticated");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
    }
}
