package dev.chorus.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The region of a member's voice: the one the request names, else the one the regional gateway
 * names in {@code X-Chorus-Region}, else none (voice-service's default). It travels in voice-setup.
 */
class VoiceRegionTest extends RoomServiceIntegrationTest {

    private static final String HEADER = "X-Chorus-Region";

    @Value("${chorus.test.namespace}")
    String namespace;

    @Test
    void theGatewaysRegionIsUsedWhenTheRequestNamesNoneAndTheRequestsWins() throws Exception {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User ada = api.signUp(unique("ada"));
        ApiClient.User bob = api.signUp(unique("bob"));
        ApiClient.User cy = api.signUp(unique("cy"));

        try (EventTap voiceSetups = EventTap.commandQueue(namespace, "voice-setup")) {
            String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Regions", "visibility", "public"),
                    Map.of(HEADER, "us")).text("id");
            String other = api.post("/api/v1/rooms", cy.token(),
                    Map.of("title", "Named", "visibility", "public", "region", "ap"), Map.of(HEADER, "us")).text("id");
            assertThat(api.post("/api/v1/rooms/" + room + "/join", ada.token(), null, Map.of(HEADER, "eu")).status())
                    .isEqualTo(200);
            assertThat(api.post("/api/v1/rooms/" + room + "/join", bob.token(), Map.of("region", "us"),
                    Map.of(HEADER, "eu")).status()).isEqualTo(200);

            List<JsonNode> setups = voiceSetups.drain(Duration.ofMillis(300));
            assertThat(regionOf(setups, room, host)).isEqualTo("us");
            assertThat(regionOf(setups, other, cy)).isEqualTo("ap");
            assertThat(regionOf(setups, room, ada)).isEqualTo("eu");
            assertThat(regionOf(setups, room, bob)).isEqualTo("us");
        }
    }

    @Test
    void aMalformedGatewayRegionIsAProblemAndJoinsNobody() throws Exception {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User ada = api.signUp(unique("ada"));
        String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Regions", "visibility", "public"))
                .text("id");
        long seq = api.get("/api/v1/rooms/" + room + "/snapshot", host.token()).body().path("seq").asLong();
        assertThat(seq).as("the host joined").isGreaterThan(1);

        try (EventTap voiceSetups = EventTap.commandQueue(namespace, "voice-setup")) {
            ApiClient.Answer refused = api.post("/api/v1/rooms/" + room + "/join", ada.token(), null,
                    Map.of(HEADER, "Not A Region!"));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().path("detail").asString()).contains(HEADER);
            assertThat(api.get("/api/v1/rooms/" + room + "/snapshot", host.token()).body().path("seq").asLong())
                    .isEqualTo(seq);
            assertThat(voiceSetups.drain(Duration.ofMillis(300)))
                    .noneMatch(c -> c.path("userId").asString().equals(ada.id()));
        }
    }

    private static String regionOf(List<JsonNode> setups, String room, ApiClient.User user) {
        return setups.stream().filter(c -> c.path("roomId").asString().equals(room)
                && c.path("userId").asString().equals(user.id())).findFirst().orElseThrow().path("region").asString();
    }
}
