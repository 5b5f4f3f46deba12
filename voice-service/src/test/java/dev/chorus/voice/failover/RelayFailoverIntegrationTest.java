package dev.chorus.voice.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.testsupport.ChorusServersInitializer;
import dev.chorus.voice.UserEventInbox;
import dev.chorus.voice.UserEventInboxes;
import dev.chorus.voice.VoiceApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A room spanning eu and us loses its eu bridge: the eu member moves to the other eu bridge and the
 * relays are rebuilt around the new conference (the us side's relay to the lost bridge is expired).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ChorusServersInitializer.class)
@Import(UserEventInboxes.class)
class RelayFailoverIntegrationTest {

    static final String TOKEN = "relay-failover-token";
    @RegisterExtension
    static final FailoverFleet FLEET = new FailoverFleet();

    @DynamicPropertySource
    static void bridges(DynamicPropertyRegistry registry) {
        FLEET.register(registry, TOKEN);
    }

    @LocalServerPort
    int port;
    @Autowired
    UserEventInboxes inboxes;

    @Test
    void relaysAreRebuiltAroundTheConferenceThatReplacesALostOne() {
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        UserEventInbox euInbox = inboxes.of("eu-member");
        JsonNode eu = api.post("/rooms/room-r/members/eu-member/session", Map.of("role", "speaker", "region", "eu")).body();
        JsonNode us = api.post("/rooms/room-r/members/us-member/session", Map.of("role", "listener", "region", "us")).body();
        assertThat(eu.path("bridge").asString()).isEqualTo("eu-a");
        assertThat(FLEET.us.relayRequests()).hasSize(2); // create, then eu-a's transport
        assertThat(FLEET.us.relayRequests().get(0).body().path("relays").get(0).path("id").asString()).isEqualTo("eu-a");

        FLEET.euA.stop();

        JsonNode moved = euInbox.next();
        assertThat(moved.path("session").path("bridge").asString()).isEqualTo("eu-b");
        String movedEndpoint = moved.path("session").path("sessionId").asString();
        // The relays are rebuilt once every member of the lost bridge was moved: expire, create, transport.
        await().atMost(Duration.ofSeconds(10)).until(() -> FLEET.us.relayRequests().size() >= 5);
        List<JsonNode> usRelays = FLEET.us.relayRequests().stream().map(r -> r.body().path("relays").get(0)).toList();
        assertThat(usRelays.get(2).path("id").asString()).isEqualTo("eu-a");
        assertThat(usRelays.get(2).path("expire").asBoolean()).isTrue();
        assertThat(usRelays.get(3).path("id").asString()).isEqualTo("eu-b");
        assertThat(usRelays.get(3).path("create").asBoolean()).isTrue();
        assertThat(usRelays.get(3).path("endpoints").get(0).path("id").asString()).isEqualTo(movedEndpoint);
        JsonNode euBCreate = FLEET.euB.relayRequests().get(0).body().path("relays").get(0);
        assertThat(euBCreate.path("id").asString()).isEqualTo("us-1");
        assertThat(euBCreate.path("transport").path("ice-controlling").asBoolean()).isTrue();
        assertThat(euBCreate.path("endpoints").get(0).path("id").asString()).isEqualTo(us.path("sessionId").asString());
    }
}
