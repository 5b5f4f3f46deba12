package dev.chorus.signaling.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.contracts.events.VoiceReady;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.contracts.voice.VoiceSession;
import dev.chorus.signaling.SignalingServiceApplication;
import dev.chorus.signaling.support.TestClient;
import dev.chorus.signaling.support.TestKeys;
import dev.chorus.testsupport.ChorusServersInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** A socket whose client stops reading is closed instead of piling up frames, and others go on. */
@SpringBootTest(classes = SignalingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chorus.signaling.send-buffer-limit=256KB", "chorus.signaling.send-time-limit=2s"})
@ContextConfiguration(initializers = ChorusServersInitializer.class)
class SlowConsumerTest {

    static final TestKeys KEYS = TestKeys.create();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("chorus.signaling.jwks-uri", () -> KEYS.jwksUri().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    ChorusTopology topology;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @Test
    void aSocketThatStopsReadingIsClosedAsSlowAndTheOtherSocketsOfTheUserKeepUp() {
        byte[] bigEvent = json.writeValueAsBytes(new VoiceReady("sam", "r1", Instant.now(),
                new VoiceSession("s1", "r1", "eu", "b1", true, "x".repeat(100_000), List.of())));
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);

        try (TestClient hanging = TestClient.connectNotReading(port, KEYS.token("sam"));
                TestClient healthy = TestClient.connect(port, KEYS.token("sam"))) {
            healthy.next("welcome");

            // Far more than the socket buffers of both ends and the outbox limit together.
            for (int i = 0; i < 300 && !hanging.isClosed() && droppedSlow() == 0; i++) {
                rabbit.send(topology.roomEventsExchangeName(), ChorusTopology.userRoutingKey("sam", VoiceReady.TYPE),
                        new Message(bigEvent, properties));
                healthy.next("voice-ready");
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> droppedSlow() == 1);
            hanging.resume();
            assertThat(hanging.awaitClose()).isNotEqualTo(1000);
            healthy.send("{\"type\":\"ping\",\"id\":\"still here\"}");
            assertThat(healthy.nextOfType("pong").path("id").asString()).isEqualTo("still here");
        }
    }

    private double droppedSlow() {
        return meters.get("chorus.signaling.sockets.dropped.slow").counter().count();
    }
}
