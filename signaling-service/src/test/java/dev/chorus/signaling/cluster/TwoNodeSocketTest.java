package dev.chorus.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.contracts.events.VoiceFailed;
import dev.chorus.contracts.events.VoiceReady;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.contracts.voice.VoiceSession;
import dev.chorus.signaling.SignalingServiceApplication;
import dev.chorus.signaling.support.SecondNode;
import dev.chorus.signaling.support.TestClient;
import dev.chorus.signaling.support.TestKeys;
import dev.chorus.testsupport.ChorusServersInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two nodes sharing one namespace, with the tests' own key set (no room-service involved): user
 * events go only to the node holding the user, presence claims in Redis, draining to the other node.
 */
@SpringBootTest(classes = SignalingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "chorus.signaling.node-id=node-a")
@ContextConfiguration(initializers = ChorusServersInitializer.class)
class TwoNodeSocketTest {

    static final TestKeys KEYS = TestKeys.create();
    static ConfigurableApplicationContext nodeB;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("chorus.signaling.jwks-uri", () -> KEYS.jwksUri().toString());
    }

    @LocalServerPort
    int portA;

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry metersA;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    ChorusTopology topology;

    @Autowired
    JsonMapper json;

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Autowired
    StringRedisTemplate redis;

    private ConfigurableApplicationContext nodeB() {
        if (nodeB == null) {
            nodeB = SecondNode.startBeside(environment, "node-b");
        }
        return nodeB;
    }

    @Test
    void presenceNamesTheNodeHoldingTheUserExpiresOnItsOwnAndGoesWhenTheSocketCloses() {
        String key = environment.getProperty("chorus.redis.key-prefix") + "presence:pia";
        try (TestClient piaOnB = TestClient.connect(SecondNode.port(nodeB()), KEYS.token("pia"))) {
            piaOnB.next("welcome");

            assertThat(redis.opsForZSet().range(key, 0, -1)).containsExactly("node-b");
            assertThat(redis.getExpire(key)).as("seconds until the claim expires by itself").isPositive();
        }
        await().untilAsserted(() -> assertThat(redis.opsForZSet().range(key, 0, -1)).isEmpty());
    }

    @Test
    void aDrainingNodeTellsItsClientsToReconnectAndTheyCanOnTheOtherNode() {
        ConfigurableApplicationContext nodeC = SecondNode.startBeside(environment, "node-c");
        try (TestClient onC = TestClient.connect(SecondNode.port(nodeC), KEYS.token("quinn"))) {
            onC.next("welcome");

            nodeC.close();

            assertThat(onC.next("reconnect").path("reason").asString()).contains("node-c");
            assertThat(onC.awaitClose()).isEqualTo(1012);
        }
        try (TestClient onA = TestClient.connect(portA, KEYS.token("quinn"))) {
            assertThat(onA.next("welcome").path("nodeId").asString()).isEqualTo("node-a");
        }
    }

    @Test
    void voiceReadyGoesOnlyToTheNodeAndSocketsOfItsUser() {
        ConfigurableApplicationContext nodeB = nodeB();
        VoiceSession session = new VoiceSession("sess-1", "r1", "eu", "bridge-1", true, "v=0 offer",
                List.of(new VoiceSession.AudioSource(1234L, "uma", "0")));

        try (TestClient umaOnB = TestClient.connect(SecondNode.port(nodeB), KEYS.token("uma"));
                TestClient vicOnA = TestClient.connect(portA, KEYS.token("vic"))) {
            umaOnB.next("welcome");
            vicOnA.next("welcome");

            // One channel, in this order: had node A's queue been bound to uma, it would hold her event
            // before vic's, and its single consumer would have taken it first.
            rabbit.invoke(operations -> {
                publish(operations, "uma", new VoiceReady("uma", "r1", Instant.now(), session));
                publish(operations, "vic", new VoiceFailed("vic", "r1", Instant.now(), "no-bridge", "No bridge in eu"));
                return null;
            });

            JsonNode ready = umaOnB.next("voice-ready");
            assertThat(ready.path("roomId").asString()).isEqualTo("r1");
            assertThat(ready.path("session").path("sessionId").asString()).isEqualTo("sess-1");
            assertThat(ready.path("session").path("sdpOffer").asString()).isEqualTo("v=0 offer");
            JsonNode failed = vicOnA.next("voice-failed");
            assertThat(failed.path("reason").asString()).isEqualTo("no-bridge");
            assertThat(failed.path("message").asString()).isEqualTo("No bridge in eu");

            assertThat(userEventsIn(metersA)).as("user events taken by node A").isEqualTo(1);
            assertThat(userEventsIn(nodeB.getBean(MeterRegistry.class))).as("user events taken by node B").isEqualTo(1);
        }
    }

    private void publish(RabbitOperations operations, String userId, Object event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        String type = event instanceof VoiceReady ? VoiceReady.TYPE : VoiceFailed.TYPE;
        operations.send(topology.roomEventsExchangeName(), ChorusTopology.userRoutingKey(userId, type),
                new Message(json.writeValueAsBytes(event), properties));
    }

    private static double userEventsIn(MeterRegistry meters) {
        return meters.get("chorus.signaling.events.in").tag("kind", "user").counter().count();
    }
}
