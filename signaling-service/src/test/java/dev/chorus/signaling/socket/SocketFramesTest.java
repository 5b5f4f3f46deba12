package dev.chorus.signaling.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.signaling.SignalingServiceApplication;
import dev.chorus.signaling.support.TestClient;
import dev.chorus.signaling.support.TestKeys;
import dev.chorus.testsupport.ChorusServersInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The socket's own frame handling. room-service is deliberately unreachable here: a subscribe must
 * then fail cleanly, leaving no subscription or queue binding behind.
 */
@SpringBootTest(classes = SignalingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chorus.signaling.node-id=frames-node", "chorus.signaling.room-service-url=http://127.0.0.1:9",
            "chorus.signaling.max-frame-size=4KB"})
@ContextConfiguration(initializers = ChorusServersInitializer.class)
class SocketFramesTest {

    static final TestKeys KEYS = TestKeys.create();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("chorus.signaling.jwks-uri", () -> KEYS.jwksUri().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void welcomesTheUserAndAnswersPings() {
        try (TestClient client = TestClient.connect(port, KEYS.token("ada"))) {
            JsonNode welcome = client.next("welcome");
            assertThat(welcome.path("nodeId").asString()).isEqualTo("frames-node");
            assertThat(welcome.path("userId").asString()).isEqualTo("ada");
            assertThat(welcome.path("heartbeatSeconds").asInt()).isEqualTo(10);

            client.send("{\"type\":\"ping\",\"id\":\"p-1\"}");
            assertThat(client.next("pong").path("id").asString()).isEqualTo("p-1");
        }
    }

    @Test
    void badFramesGetAnErrorFrameAndChangeNothing() {
        try (TestClient client = TestClient.connect(port, KEYS.token("bob"))) {
            client.next("welcome");

            assertError(client.send("this is not json"), "malformed");
            assertError(client.send("{\"roomId\":\"r1\"}"), "malformed");
            assertError(client.send("{\"type\":\"subscribe\"}"), "malformed");
            assertError(client.send("{\"type\":\"subscribe\",\"roomId\":\"" + "x".repeat(5000) + "\"}"), "oversized");
            assertError(client.send("{\"type\":\"teleport\",\"roomId\":\"r1\"}"), "unknown-type");
            JsonNode notSubscribed = assertError(client.send(
                    "{\"type\":\"voice-answer\",\"roomId\":\"r1\",\"sessionId\":\"s1\",\"sdp\":\"v=0\"}"), "not-subscribed");
            assertThat(notSubscribed.path("ref").asString()).isEqualTo("r1");
            assertError(client.send("{\"type\":\"resync\",\"roomId\":\"r1\"}"), "not-subscribed");

            client.send("{\"type\":\"ping\",\"id\":1}");
            assertThat(client.next("pong").path("id").asInt()).as("the socket still works").isEqualTo(1);
            assertThat(gauge("chorus.signaling.subscriptions")).isZero();
            assertThat(gauge("chorus.signaling.rooms")).isZero();
        }
    }

    @Test
    void aSubscribeRoomServiceCannotAnswerLeavesNoSubscriptionBehind() {
        try (TestClient client = TestClient.connect(port, KEYS.token("cy"))) {
            client.next("welcome");

            JsonNode error = client.send("{\"type\":\"subscribe\",\"roomId\":\"r9\"}").next("error");

            assertThat(error.path("code").asString()).isEqualTo("unavailable");
            assertThat(error.path("ref").asString()).isEqualTo("r9");
            assertThat(gauge("chorus.signaling.subscriptions")).isZero();
            assertThat(gauge("chorus.signaling.rooms")).isZero();
        }
    }

    @Test
    void aMuteRoomServiceCannotAnswerIsReportedAsUnavailable() {
        try (TestClient client = TestClient.connect(port, KEYS.token("eve"))) {
            client.next("welcome");

            JsonNode error = client.send("{\"type\":\"mute\",\"roomId\":\"r3\",\"muted\":true}").next("error");

            assertThat(error.path("code").asString()).isEqualTo("unavailable");
            assertThat(error.path("ref").asString()).isEqualTo("r3");
        }
    }

    @Test
    void aFrameAfterTheTokenExpiredIsRefusedAndTheSocketClosed() {
        Instant expiry = Instant.now().plusSeconds(4);
        try (TestClient client = TestClient.connect(port, KEYS.token("dee", expiry))) {
            client.next("welcome");
            await().until(() -> Instant.now().isAfter(expiry.plusMillis(100)));

            assertError(client.send("{\"type\":\"ping\"}"), "unauthenticated");
            assertThat(client.awaitClose()).isEqualTo(4401);
        }
    }

    private static JsonNode assertError(TestClient client, String code) {
        JsonNode error = client.next("error");
        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.path("message").asString()).isNotBlank();
        return error;
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
