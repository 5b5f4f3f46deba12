package dev.chorus.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.contracts.commands.PresenceLost;
import dev.chorus.contracts.messaging.ChorusTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** The event log read back over HTTP, and members whose connection was lost removed by the leave rules. */
class HistoryAndPresenceTest extends RoomServiceIntegrationTest {

    @Value("${chorus.test.namespace}")
    String namespace;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    RabbitTemplate rabbit;

    @Test
    void membersPageThroughTheEventLogThatWorkerServiceWrites() {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User ada = api.signUp(unique("ada"));
        ApiClient.User stranger = api.signUp(unique("stranger"));
        String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Logged", "visibility", "public"))
                .text("id");
        api.post("/api/v1/rooms/" + room + "/join", ada.token(), null);
        // What worker-service appends: one document per event, in this room and in another one.
        for (long seq = 1; seq <= 3; seq++) {
            logEvent(room, seq, host.id());
        }
        logEvent("another-room", 2, host.id());

        var page = api.get("/api/v1/rooms/" + room + "/events?after=1&limit=1", ada.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("items").size()).isEqualTo(1);
        JsonNode item = page.body().path("items").get(0);
        assertThat(item.path("seq").asLong()).isEqualTo(2);
        assertThat(item.path("type").asString()).isEqualTo("room-updated");
        assertThat(item.path("event").path("title").asString()).isEqualTo("title 2");
        assertThat(page.body().path("nextAfter").asLong()).isEqualTo(2);

        var rest = api.get("/api/v1/rooms/" + room + "/events?after=2", ada.token());
        assertThat(rest.body().path("items").size()).isEqualTo(1);
        assertThat(rest.body().path("items").get(0).path("seq").asLong()).isEqualTo(3);
        assertThat(rest.body().path("nextAfter").isMissingNode() || rest.body().path("nextAfter").isNull()).isTrue();

        var refused = api.get("/api/v1/rooms/" + room + "/events", stranger.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/rooms/" + room + "/events?limit=0", ada.token()).status()).isEqualTo(400);
    }

    @Test
    void aHostWhoseConnectionIsLostHandsTheRoomToAModerator() throws Exception {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User ada = api.signUp(unique("ada"));
        ApiClient.User bob = api.signUp(unique("bob"));
        String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Fragile", "visibility", "public"))
                .text("id");
        api.post("/api/v1/rooms/" + room + "/join", ada.token(), null);
        api.post("/api/v1/rooms/" + room + "/join", bob.token(), null);
        assertThat(api.post("/api/v1/rooms/" + room + "/members/" + ada.id() + "/moderator", host.token(), null)
                .status()).isEqualTo(200);

        try (EventTap events = EventTap.roomEvents(namespace, "room." + room + ".*")) {
            // What signaling-service sends when the host's socket stays closed past its grace period.
            rabbit.convertAndSend(new ChorusTopology(namespace).commandsExchangeName(), PresenceLost.TYPE,
                    new PresenceLost(UUID.randomUUID().toString(), Instant.now(), host.id(), "node-1", List.of(room)));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var snapshot = api.get("/api/v1/rooms/" + room + "/snapshot", ada.token()).body();
                assertThat(snapshot.path("stage").size()).isEqualTo(1);
                assertThat(snapshot.path("stage").get(0).path("userId").asString()).isEqualTo(ada.id());
                assertThat(snapshot.path("stage").get(0).path("role").asString()).isEqualTo("host");
            });
            List<JsonNode> heard = events.drain(Duration.ofMillis(500));
            assertThat(heard).extracting(e -> e.path("type").asString()).containsExactly("member-left", "role-changed");
            assertThat(heard.get(0).path("userId").asString()).isEqualTo(host.id());
            assertThat(heard.get(0).path("reason").asString()).isEqualTo("presence-lost");
            assertThat(heard.get(1).path("seq").asLong()).isEqualTo(heard.get(0).path("seq").asLong() + 1);
        }
        assertThat(api.get("/api/v1/rooms/" + room + "/snapshot", host.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/rooms/" + room, bob.token()).text("status")).isEqualTo("live");
    }

    private void logEvent(String roomId, long seq, String actorId) {
        Date at = new Date();
        mongo.getCollection("room_events").insertOne(new Document("roomId", roomId).append("seq", seq)
                .append("type", "room-updated").append("at", at).append("actorId", actorId)
                .append("event", new Document("type", "room-updated").append("roomId", roomId).append("seq", seq)
                        .append("title", "title " + seq)));
    }
}
