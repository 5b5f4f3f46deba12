package dev.chorus.signaling.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.contracts.commands.Command;
import dev.chorus.contracts.commands.PresenceLost;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.signaling.SignalingServiceApplication;
import dev.chorus.signaling.support.SecondNode;
import dev.chorus.signaling.support.TestClient;
import dev.chorus.signaling.support.TestKeys;
import dev.chorus.testsupport.ChorusServersInitializer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The grace period and dead nodes, seen from the {@code presence-lost} work queue that room-service
 * consumes. Without room-service here, the rooms a user follows are written to Redis the way a node
 * records them on a successful subscribe, and a dead node is the registry entry and room records a
 * node leaves behind when it stops without warning.
 */
@SpringBootTest(classes = SignalingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chorus.signaling.node-id=node-a", "chorus.signaling.grace-period=5s",
            "chorus.signaling.heartbeat=1s", "chorus.signaling.presence-ttl=10s"})
@ContextConfiguration(initializers = ChorusServersInitializer.class)
class PresenceLossTest {

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
    StringRedisTemplate redis;

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

    @BeforeEach
    void forgetEarlierCommands() {
        rabbit.execute(channel -> channel.queuePurge(presenceLostQueue()));
    }

    @Test
    void aQuickReconnectKeepsTheMemberAndOneWhoNeverReturnsIsReportedLost() {
        int portB = SecondNode.port(nodeB());
        try (TestClient jayOnA = TestClient.connect(portA, KEYS.token("jay"));
                TestClient kimOnA = TestClient.connect(portA, KEYS.token("kim"))) {
            jayOnA.next("welcome");
            kimOnA.next("welcome");
            followsThroughNode("node-a", "jay", "r1");
            followsThroughNode("node-a", "kim", "r1 r2");

            jayOnA.abort();
            try (TestClient jayOnB = TestClient.connect(portB, KEYS.token("jay"))) {
                jayOnB.next("welcome");
                kimOnA.abort();

                // kim's grace period ends after jay's: had jay been reported, that command would come first.
                PresenceLost lost = nextPresenceLost();
                assertThat(lost.userId()).isEqualTo("kim");
                assertThat(lost.nodeId()).isEqualTo("node-a");
                assertThat(lost.roomIds()).containsExactly("r1", "r2");
            }
        }
    }

    @Test
    void theUsersOfANodeThatDiedAreReportedLostByAnotherUnlessTheyAreBackElsewhere() {
        try (TestClient moOnA = TestClient.connect(portA, KEYS.token("mo"))) {
            moOnA.next("welcome");
            String prefix = environment.getProperty("chorus.redis.key-prefix");
            redis.opsForHash().putAll(prefix + "signaling:node:dead-node:rooms", Map.of("lou", "r7", "mo", "r8"));
            redis.opsForZSet().add(prefix + "signaling:nodes", "dead-node", Instant.now().minusSeconds(60).toEpochMilli());

            PresenceLost lost = nextPresenceLost();

            assertThat(lost.userId()).isEqualTo("lou");
            assertThat(lost.nodeId()).isEqualTo("dead-node");
            assertThat(lost.roomIds()).containsExactly("r7");
            assertThat(redis.hasKey(prefix + "signaling:node:dead-node:rooms")).isFalse();
            assertThat(redis.opsForZSet().score(prefix + "signaling:nodes", "dead-node")).isNull();
            assertThat(rabbit.receive(presenceLostQueue(), 2000)).as("mo is connected to node A").isNull();
        }
    }

    private ConfigurableApplicationContext nodeB() {
        if (nodeB == null) {
            nodeB = SecondNode.startBeside(environment, "node-b");
        }
        return nodeB;
    }

    /** What a node writes when the user's subscriptions to these rooms succeed. */
    private void followsThroughNode(String nodeId, String userId, String rooms) {
        redis.opsForHash().put(environment.getProperty("chorus.redis.key-prefix") + "signaling:node:" + nodeId + ":rooms",
                userId, rooms);
    }

    private PresenceLost nextPresenceLost() {
        Message message = rabbit.receive(presenceLostQueue(), 15_000);
        assertThat(message).as("a presence-lost command").isNotNull();
        return (PresenceLost) json.readValue(message.getBody(), Command.class);
    }

    private String presenceLostQueue() {
        return topology.commandQueueName(PresenceLost.TYPE);
    }
}
