package dev.chorus.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.signaling.support.ChorusCluster;
import dev.chorus.signaling.support.RoomApi;
import dev.chorus.signaling.support.RoomApi.User;
import dev.chorus.signaling.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two signaling nodes and room-service, against the real Redis and RabbitMQ: what members on
 * different nodes see, which rooms each node's queue receives, draining, and the grace period.
 */
class TwoNodeRoomTest {

    static final Duration GRACE = Duration.ofSeconds(4);
    static final String[] FAST_PRESENCE = {"--chorus.signaling.grace-period=" + GRACE.toSeconds() + "s",
        "--chorus.signaling.heartbeat=1s", "--chorus.signaling.presence-ttl=10s"};

    static ChorusCluster cluster;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static RoomApi api;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        cluster = new ChorusCluster().startRoomService();
        nodeA = cluster.startNode("node-a", FAST_PRESENCE);
        nodeB = cluster.startNode("node-b", FAST_PRESENCE);
        api = new RoomApi(cluster.roomServicePort());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void membersOnDifferentNodesReceiveTheSameEventsInTheSameOrder() {
        User host = api.newUser("host");
        User guest = api.newUser("guest");
        String roomId = api.createRoom(host, "Same story everywhere");
        api.join(guest, roomId);

        try (TestClient onA = subscribed(nodeA, host, roomId); TestClient onB = subscribed(nodeB, guest, roomId)) {
            long startA = onA.nextOfType("snapshot").path("snapshot").path("seq").asLong();
            long startB = onB.nextOfType("snapshot").path("snapshot").path("seq").asLong();
            assertThat(startA).isEqualTo(startB);

            for (int i = 0; i < 6; i++) {
                api.postMessage(i % 2 == 0 ? host : guest, roomId, "message " + i);
            }
            api.raiseHand(guest, roomId);
            api.postMessage(host, roomId, "last");

            List<String> seenOnA = eventsUntilText(onA, "last");
            List<String> seenOnB = eventsUntilText(onB, "last");
            assertThat(seenOnA).hasSize(8).isEqualTo(seenOnB);
            for (int i = 0; i < seenOnA.size(); i++) {
                assertThat(seenOnA.get(i)).startsWith((startA + 1 + i) + " ");
            }
        }
    }

    @Test
    void aNodesQueueReceivesOnlyTheRoomsItServes() {
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        String aliceRoom = api.createRoom(alice, "Served by node A");
        String bobRoom = api.createRoom(bob, "Served by node B");

        try (TestClient onA = subscribed(nodeA, alice, aliceRoom); TestClient onB = subscribed(nodeB, bob, bobRoom)) {
            onA.nextOfType("snapshot");
            onB.nextOfType("snapshot");
            double roomEventsBeforeOnA = roomEventsIn(nodeA);

            api.postMessage(bob, bobRoom, "only for node B");
            assertThat(eventsUntilText(onB, "only for node B")).hasSize(1);
            // Node B holds bob's event, so it was routed before this post: had node A's queue been
            // bound to bob's room, node A would take bob's event before alice's.
            api.postMessage(alice, aliceRoom, "only for node A");
            assertThat(eventsUntilText(onA, "only for node A")).hasSize(1);

            assertThat(roomEventsIn(nodeA) - roomEventsBeforeOnA).as("room events node A took").isEqualTo(1);
        }
        await().untilAsserted(() -> assertThat(gauge(nodeA, "chorus.signaling.rooms")).as("rooms bound on A").isZero());
    }

    @Test
    void aDrainingNodeSendsItsClientsToTheOtherNodeWhereTheyGetASnapshot() {
        User host = api.newUser("dana");
        String roomId = api.createRoom(host, "Moving house");
        ConfigurableApplicationContext nodeC = cluster.startNode("node-c", FAST_PRESENCE);

        try (TestClient onC = subscribed(nodeC, host, roomId)) {
            onC.nextOfType("snapshot");

            nodeC.close();

            assertThat(onC.nextOfType("reconnect").path("reason").asString()).contains("node-c");
            assertThat(onC.awaitClose()).isEqualTo(1012);
        }
        try (TestClient onB = subscribed(nodeB, host, roomId)) {
            JsonNode snapshot = onB.nextOfType("snapshot").path("snapshot");
            assertThat(memberIds(snapshot)).contains(host.id());
            api.postMessage(host, roomId, "back again");
            assertThat(eventsUntilText(onB, "back again")).hasSize(1);
        }
    }

    @Test
    void aQuickReconnectKeepsTheMemberAndOneWhoNeverReturnsIsRemoved() {
        User host = api.newUser("hana");
        User quick = api.newUser("quick");
        User gone = api.newUser("gone");
        String roomId = api.createRoom(host, "Who stays");
        api.join(quick, roomId);
        api.join(gone, roomId);

        try (TestClient hostOnB = subscribed(nodeB, host, roomId)) {
            hostOnB.nextOfType("snapshot");
            TestClient quickOnA = subscribed(nodeA, quick, roomId);
            TestClient goneOnA = subscribed(nodeA, gone, roomId);
            quickOnA.nextOfType("snapshot");
            goneOnA.nextOfType("snapshot");

            quickOnA.abort();
            goneOnA.abort();
            try (TestClient quickBack = subscribed(nodeB, quick, roomId)) {
                quickBack.nextOfType("snapshot");

                JsonNode left = hostOnB.nextOfType("event").path("event");
                while (!"member-left".equals(left.path("type").asString())) {
                    left = hostOnB.nextOfType("event").path("event");
                }
                assertThat(left.path("userId").asString()).isEqualTo(gone.id());
                assertThat(left.path("reason").asString()).isEqualTo("presence-lost");

                JsonNode snapshot = api.snapshot(host, roomId);
                assertThat(memberIds(snapshot)).contains(quick.id()).doesNotContain(gone.id());
            }
        }
    }

    @Test
    void aVoiceAnswerBecomesACommandForTheWorkers() {
        User host = api.newUser("vera");
        String roomId = api.createRoom(host, "Answering");
        RabbitTemplate rabbit = nodeA.getBean(RabbitTemplate.class);
        String queue = nodeA.getBean(ChorusTopology.class).commandQueueName("voice-answer");
        rabbit.receive(queue); // whatever an earlier test left

        try (TestClient onA = subscribed(nodeA, host, roomId)) {
            onA.nextOfType("snapshot");
            onA.send("{\"type\":\"voice-answer\",\"roomId\":\"" + roomId + "\",\"sessionId\":\"sess-9\",\"sdp\":\"v=0 answer\"}");

            Message message = rabbit.receive(queue, 10_000);
            assertThat(message).isNotNull();
            JsonNode command = JSON.readTree(message.getBody());
            assertThat(command.path("type").asString()).isEqualTo("voice-answer");
            assertThat(command.path("userId").asString()).isEqualTo(host.id());
            assertThat(command.path("roomId").asString()).isEqualTo(roomId);
            assertThat(command.path("sessionId").asString()).isEqualTo("sess-9");
            assertThat(command.path("sdp").asString()).isEqualTo("v=0 answer");
        }
    }

    @Test
    void aStrangerCannotSubscribeAndNothingIsBound() {
        User host = api.newUser("olga");
        User stranger = api.newUser("stranger");
        String roomId = api.createRoom(host, "Members only");
        double roomsBefore = gauge(nodeB, "chorus.signaling.rooms");

        try (TestClient onB = TestClient.connect(ChorusCluster.port(nodeB), stranger.token())) {
            onB.next("welcome");
            JsonNode error = onB.send("{\"type\":\"subscribe\",\"roomId\":\"" + roomId + "\"}").next("error");

            assertThat(error.path("code").asString()).isEqualTo("not-a-member");
            assertThat(error.path("ref").asString()).isEqualTo(roomId);
            assertThat(gauge(nodeB, "chorus.signaling.rooms")).isEqualTo(roomsBefore);
        }
    }

    @Test
    void ownMuteGoesThroughRoomServiceAndComesBackAsAnEvent() {
        User host = api.newUser("mia");
        String roomId = api.createRoom(host, "Quiet please");

        try (TestClient onA = subscribed(nodeA, host, roomId)) {
            onA.nextOfType("snapshot");
            onA.send("{\"type\":\"mute\",\"roomId\":\"" + roomId + "\",\"muted\":true}");

            JsonNode event = onA.nextOfType("event").path("event");
            assertThat(event.path("type").asString()).isEqualTo("mute-changed");
            assertThat(event.path("muted").asBoolean()).isTrue();
        }
    }

    private static TestClient subscribed(ConfigurableApplicationContext node, User user, String roomId) {
        TestClient client = TestClient.connect(ChorusCluster.port(node), user.token());
        client.next("welcome");
        client.send("{\"type\":\"subscribe\",\"roomId\":\"" + roomId + "\"}");
        return client;
    }

    /** "seq type text" of each event frame, until a message with this text arrives. */
    private static List<String> eventsUntilText(TestClient client, String text) {
        List<String> seen = new ArrayList<>();
        while (true) {
            JsonNode frame = client.nextOfType("event");
            JsonNode event = frame.path("event");
            assertThat(event.path("seq").asLong()).isEqualTo(frame.path("seq").asLong());
            seen.add(frame.path("seq").asLong() + " " + event.path("type").asString() + " " + event.path("text").asString(""));
            if (text.equals(event.path("text").asString(""))) {
                return seen;
            }
        }
    }

    private static List<String> memberIds(JsonNode snapshot) {
        List<String> ids = new ArrayList<>();
        snapshot.path("stage").forEach(member -> ids.add(member.path("userId").asString()));
        snapshot.path("audience").forEach(member -> ids.add(member.path("userId").asString()));
        return ids;
    }

    private static double roomEventsIn(ConfigurableApplicationContext node) {
        return node.getBean(MeterRegistry.class).get("chorus.signaling.events.in").tag("kind", "room").counter().count();
    }

    private static double gauge(ConfigurableApplicationContext node, String name) {
        return node.getBean(MeterRegistry.class).get(name).gauge().value();
    }
}
