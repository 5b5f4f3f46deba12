package dev.chorus.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** The whole life of a room, as its host, speakers and listeners live it, and what the other services hear. */
class RoomLifeTest extends RoomServiceIntegrationTest {

    @Value("${chorus.test.namespace}")
    String namespace;

    @Test
    void fromCreationToEnd() throws Exception {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User ada = api.signUp(unique("ada"));
        ApiClient.User bob = api.signUp(unique("bob"));

        try (EventTap events = EventTap.roomEvents(namespace, "room.#");
             EventTap voiceSetups = EventTap.commandQueue(namespace, "voice-setup")) {
            var created = api.post("/api/v1/rooms", host.token(),
                    Map.of("title", "Morning show", "description", "News and coffee", "visibility", "public"));
            assertThat(created.status()).isEqualTo(201);
            String room = created.text("id");
            assertThat(created.text("status")).isEqualTo("live");
            assertThat(created.body().path("stage").get(0).path("role").asString()).isEqualTo("host");

            var joined = api.post("/api/v1/rooms/" + room + "/join", ada.token(), Map.of("region", "eu"));
            assertThat(joined.status()).isEqualTo(200);
            assertThat(joined.text("role")).isEqualTo("listener");
            assertThat(joined.body().path("voiceSetupPending").asBoolean()).isTrue();
            api.post("/api/v1/rooms/" + room + "/join", bob.token(), null);

            var hallway = api.get("/api/v1/rooms", ada.token());
            JsonNode listed = find(hallway.body().path("live"), room);
            assertThat(listed.path("listenerCount").asLong()).isEqualTo(2);
            assertThat(listed.path("stage").get(0).path("displayName").asString()).isEqualTo("User " + host.username());

            // Ada raises her hand, the host invites her, she accepts and is muted, then unmutes herself.
            assertThat(api.post("/api/v1/rooms/" + room + "/hand", ada.token(), null).body().path("raisedHands").get(0)
                    .asString()).isEqualTo(ada.id());
            api.post("/api/v1/rooms/" + room + "/members/" + ada.id() + "/invite", host.token(), null);
            var onStage = api.post("/api/v1/rooms/" + room + "/invitation/accept", ada.token(), null);
            assertThat(roleOf(onStage.body(), ada.id())).isEqualTo("speaker");
            assertThat(onStage.body().path("raisedHands").size()).isZero();
            api.post("/api/v1/rooms/" + room + "/members/" + ada.id() + "/mute", host.token(), null);
            assertThat(api.delete("/api/v1/rooms/" + room + "/members/" + ada.id() + "/mute", host.token()).status())
                    .as("a moderator cannot unmute someone").isEqualTo(403);
            var unmuted = api.delete("/api/v1/rooms/" + room + "/members/" + ada.id() + "/mute", ada.token());
            assertThat(unmuted.status()).isEqualTo(200);

            // Chat both ways, history newest first with a cursor, a moderator deletes a message.
            var first = api.post("/api/v1/rooms/" + room + "/messages", bob.token(), Map.of("text", "hello"));
            assertThat(first.status()).isEqualTo(201);
            api.post("/api/v1/rooms/" + room + "/messages", ada.token(), Map.of("text", "hi bob"));
            var page = api.get("/api/v1/rooms/" + room + "/messages?limit=1", bob.token());
            assertThat(page.body().path("items").get(0).path("text").asString()).isEqualTo("hi bob");
            var older = api.get("/api/v1/rooms/" + room + "/messages?limit=1&before=" + page.text("nextCursor"), bob.token());
            assertThat(older.body().path("items").get(0).path("text").asString()).isEqualTo("hello");
            assertThat(api.delete("/api/v1/rooms/" + room + "/messages/" + first.text("id"), bob.token()).status())
                    .isEqualTo(403);
            assertThat(api.delete("/api/v1/rooms/" + room + "/messages/" + first.text("id"), host.token()).status())
                    .isEqualTo(204);
            assertThat(api.get("/api/v1/rooms/" + room + "/messages", ada.token()).body().path("items").size()).isEqualTo(1);

            // Ada becomes moderator; when the host leaves she is host; she removes Bob, who cannot come back.
            api.post("/api/v1/rooms/" + room + "/members/" + ada.id() + "/moderator", host.token(), null);
            assertThat(api.post("/api/v1/rooms/" + room + "/leave", host.token(), null).status()).isEqualTo(204);
            var afterHost = api.get("/api/v1/rooms/" + room + "/snapshot", ada.token());
            assertThat(afterHost.text("hostId")).isEqualTo(ada.id());
            assertThat(roleOf(afterHost.body(), ada.id())).isEqualTo("host");
            api.delete("/api/v1/rooms/" + room + "/members/" + bob.id(), ada.token());
            var bobAgain = api.post("/api/v1/rooms/" + room + "/join", bob.token(), null);
            assertThat(bobAgain.status()).isEqualTo(403);
            assertThat(bobAgain.text("code")).isEqualTo("banned");

            // The last moderator leaves: the room ends and nobody can join any more.
            api.post("/api/v1/rooms/" + room + "/leave", ada.token(), null);
            assertThat(api.get("/api/v1/rooms/" + room, host.token()).text("status")).isEqualTo("ended");
            assertThat(api.post("/api/v1/rooms/" + room + "/join", host.token(), null).text("code"))
                    .isEqualTo("room-ended");
            assertThat(find(api.get("/api/v1/rooms", host.token()).body().path("live"), room)).isNull();

            List<JsonNode> heard = events.drain(Duration.ofMillis(700));
            assertThat(heard).extracting(e -> e.path("type").asString()).containsExactly(
                    "room-created", "member-joined", "member-joined", "member-joined", "hand-raised",
                    "speaker-invited", "role-changed", "mute-changed", "mute-changed", "message-posted",
                    "message-posted", "message-deleted", "role-changed", "member-left", "role-changed",
                    "member-left", "member-left", "room-ended");
            assertThat(heard).extracting(e -> e.path("seq").asLong())
                    .as("one event per change, numbered without gaps")
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L);
            assertThat(heard).allMatch(e -> e.path("roomId").asString().equals(room));

            List<JsonNode> setups = voiceSetups.drain(Duration.ofMillis(300)).stream()
                    .filter(c -> c.path("roomId").asString().equals(room)).toList();
            assertThat(setups).extracting(c -> c.path("userId").asString()).containsExactly(host.id(), ada.id(), bob.id());
            assertThat(setups.get(1).path("region").asString()).isEqualTo("eu");
            assertThat(setups.get(1).path("role").asString()).isEqualTo("listener");
        }
    }

    @Test
    void closedRoomsAdmitOnlyInvitedUsersAndStayOutOfTheHallway() {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User guest = api.signUp(unique("guest"));
        ApiClient.User stranger = api.signUp(unique("stranger"));

        var created = api.post("/api/v1/rooms", host.token(), Map.of("title", "Board meeting", "visibility", "closed",
                "invitees", List.of(guest.username())));
        String room = created.text("id");

        assertThat(api.post("/api/v1/rooms/" + room + "/join", stranger.token(), null).text("code")).isEqualTo("not-invited");
        assertThat(api.post("/api/v1/rooms/" + room + "/join", guest.token(), null).status()).isEqualTo(200);
        assertThat(find(api.get("/api/v1/rooms", guest.token()).body().path("live"), room)).isNull();
        api.post("/api/v1/rooms/" + room + "/invites", host.token(), Map.of("usernames", List.of(stranger.username())));
        assertThat(api.post("/api/v1/rooms/" + room + "/join", stranger.token(), null).status()).isEqualTo(200);
    }

    @Test
    void scheduledRoomsAreUpcomingUntilTheirHostStartsThem() {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User early = api.signUp(unique("early"));
        var created = api.post("/api/v1/rooms", host.token(), Map.of("title", "Tomorrow's talk", "visibility", "public",
                "scheduledStart", java.time.Instant.now().plus(Duration.ofDays(1)).toString()));
        String room = created.text("id");
        assertThat(created.text("status")).isEqualTo("scheduled");
        assertThat(find(api.get("/api/v1/rooms", early.token()).body().path("upcoming"), room)).isNotNull();

        assertThat(api.post("/api/v1/rooms/" + room + "/join", early.token(), null).text("code")).isEqualTo("room-not-started");
        assertThat(api.post("/api/v1/rooms/" + room + "/join", host.token(), null).text("role")).isEqualTo("host");
        assertThat(api.get("/api/v1/rooms/" + room, early.token()).text("status")).isEqualTo("live");
        assertThat(api.post("/api/v1/rooms/" + room + "/join", early.token(), null).text("role")).isEqualTo("listener");
    }

    static JsonNode find(JsonNode rooms, String id) {
        for (JsonNode room : rooms) {
            if (room.path("id").asString().equals(id)) {
                return room;
            }
        }
        return null;
    }

    static String roleOf(JsonNode snapshot, String userId) {
        for (JsonNode member : snapshot.path("stage")) {
            if (member.path("userId").asString().equals(userId)) {
                return member.path("role").asString();
            }
        }
        return snapshot.path("audience").findValuesAsString("userId").contains(userId) ? "listener" : null;
    }
}
