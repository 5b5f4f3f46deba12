package dev.chorus.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.contracts.commands.RoomIdle;
import dev.chorus.contracts.messaging.ChorusTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** {@code room-idle} from worker-service ends a live room only if it is still empty when it arrives. */
class IdleRoomsTest extends RoomServiceIntegrationTest {

    @Value("${chorus.test.namespace}")
    String namespace;

    @Value("${chorus.redis.key-prefix}")
    String keyPrefix;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void anEmptyLiveRoomEndsAndItsConferencesAreReleased() throws Exception {
        ApiClient.User host = api.signUp(unique("host"));
        String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Abandoned", "visibility", "public"))
                .text("id");
        // The state of a room whose last member vanished without a leave reaching room-service.
        redis.delete(keyPrefix + "room:{" + room + "}:members");

        try (EventTap events = EventTap.roomEvents(namespace, "room." + room + ".*");
                EventTap voice = EventTap.commandQueue(namespace, "voice-room-ended")) {
            voice.drain(Duration.ofMillis(200));
            sendIdle(room);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/api/v1/rooms/" + room, host.token()).text("status").equals("ended"));
            List<JsonNode> heard = events.drain(Duration.ofMillis(500));
            assertThat(heard).extracting(e -> e.path("type").asString()).containsExactly("room-ended");
            assertThat(heard.get(0).path("reason").asString()).isEqualTo("empty");
            assertThat(heard.get(0).path("seq").asLong()).isEqualTo(3);
            assertThat(voice.drain(Duration.ofMillis(500)))
                    .anySatisfy(command -> assertThat(command.path("roomId").asString()).isEqualTo(room));
        }
        assertThat(RoomLifeTest.find(api.get("/api/v1/rooms", host.token()).body().path("live"), room)).isNull();
    }

    @Test
    void aRoomWithSomebodyInItOrNotStartedIsLeftAsItIs() throws Exception {
        ApiClient.User host = api.signUp(unique("host"));
        String live = api.post("/api/v1/rooms", host.token(), Map.of("title", "Busy", "visibility", "public"))
                .text("id");
        String scheduled = api.post("/api/v1/rooms", host.token(), Map.of("title", "Later", "visibility", "public",
                "scheduledStart", Instant.now().plus(Duration.ofDays(1)).toString())).text("id");

        try (EventTap events = EventTap.roomEvents(namespace, "room.*.*")) {
            sendIdle(live);
            sendIdle(scheduled);
            sendIdle("no-such-room");
            // A marker behind them on the same queue: once it is handled, so are the three before it.
            ApiClient.User marker = api.signUp(unique("marker"));
            String markerRoom = api.post("/api/v1/rooms", marker.token(), Map.of("title", "M", "visibility", "public"))
                    .text("id");
            redis.delete(keyPrefix + "room:{" + markerRoom + "}:members");
            sendIdle(markerRoom);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/api/v1/rooms/" + markerRoom, marker.token()).text("status").equals("ended"));

            List<JsonNode> heard = events.drain(Duration.ofMillis(300));
            assertThat(heard).noneMatch(e -> List.of(live, scheduled).contains(e.path("roomId").asString()));
        }
        assertThat(api.get("/api/v1/rooms/" + live, host.token()).text("status")).isEqualTo("live");
        assertThat(api.get("/api/v1/rooms/" + scheduled, host.token()).text("status")).isEqualTo("scheduled");
        assertThat(api.get("/api/v1/rooms/" + live + "/snapshot", host.token()).body().path("seq").asLong()).isEqualTo(2);
    }

    private void sendIdle(String roomId) {
        rabbit.convertAndSend(new ChorusTopology(namespace).commandsExchangeName(), RoomIdle.TYPE,
                new RoomIdle(UUID.randomUUID().toString(), Instant.now(), roomId, Instant.now().minusSeconds(300)));
    }
}
