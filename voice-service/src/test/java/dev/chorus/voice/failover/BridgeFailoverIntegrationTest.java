package dev.chorus.voice.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testsupport.ChorusServersInitializer;
import dev.chorus.voice.UserEventInbox;
import dev.chorus.voice.UserEventInboxes;
import dev.chorus.voice.VoiceApiClient;
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
 * A bridge that stops answering: its members are placed again on a healthy bridge of their region and
 * told with a new voice-ready; members of a region with no bridge left are told with voice-failed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ChorusServersInitializer.class)
@Import(UserEventInboxes.class)
class BridgeFailoverIntegrationTest {

    static final String TOKEN = "failover-token";
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
    void membersOfALostBridgeAreMovedOrTold() {
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        UserEventInbox speakerInbox = inboxes.of("speaker-eu");
        UserEventInbox listenerInbox = inboxes.of("listener-eu");
        UserEventInbox usInbox = inboxes.of("listener-us");
        JsonNode speaker = api.post("/rooms/room-f/members/speaker-eu/session", Map.of("role", "host")).body();
        JsonNode listener = api.post("/rooms/room-f/members/listener-eu/session", Map.of("role", "listener")).body();
        api.post("/rooms/room-f/members/listener-us/session", Map.of("role", "listener", "region", "us"));
        assertThat(speaker.path("bridge").asString()).isEqualTo("eu-a");
        assertThat(listener.path("bridge").asString()).isEqualTo("eu-a");

        FLEET.euA.stop();
        FLEET.us.stop();

        JsonNode movedSpeaker = speakerInbox.next();
        JsonNode movedListener = listenerInbox.next();
        JsonNode usFailed = usInbox.next();
        assertThat(movedSpeaker.path("type").asString()).isEqualTo("voice-ready");
        assertThat(movedSpeaker.path("session").path("bridge").asString()).isEqualTo("eu-b");
        assertThat(movedSpeaker.path("session").path("canSend").asBoolean()).isTrue();
        assertThat(movedSpeaker.path("session").path("sessionId").asString()).isNotEqualTo(speaker.path("sessionId").asString());
        assertThat(movedListener.path("session").path("bridge").asString()).isEqualTo("eu-b");
        assertThat(movedListener.path("session").path("canSend").asBoolean()).isFalse();
        assertThat(usFailed.path("type").asString()).isEqualTo("voice-failed");
        assertThat(usFailed.path("reason").asString()).isEqualTo("no-bridge");
        assertThat(FLEET.euB.endpointCount()).isEqualTo(2);

        JsonNode again = api.post("/rooms/room-f/members/speaker-eu/session", Map.of("role", "host")).body();
        assertThat(again.path("sessionId")).isEqualTo(movedSpeaker.path("session").path("sessionId"));
    }
}
