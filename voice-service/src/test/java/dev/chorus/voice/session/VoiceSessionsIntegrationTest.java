package dev.chorus.voice.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.testsupport.ChorusServersInitializer;
import dev.chorus.voice.UserEventInbox;
import dev.chorus.voice.UserEventInboxes;
import dev.chorus.voice.VoiceApiClient;
import dev.chorus.voice.VoiceApiClient.Reply;
import dev.chorus.voice.testbridge.ReplayBridge;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** voice-service on its real HTTP port, real Redis and RabbitMQ, against replayed bridges in two regions. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ChorusServersInitializer.class)
@Import(UserEventInboxes.class)
class VoiceSessionsIntegrationTest {

    static final String TOKEN = "test-service-token";
    static final ReplayBridge EU = new ReplayBridge();
    static final ReplayBridge US = new ReplayBridge();
    static final String US_BRIDGE_TOKEN = "us-bridge-secret";

    @DynamicPropertySource
    static void bridges(DynamicPropertyRegistry registry) {
        registry.add("chorus.voice.service-token", () -> TOKEN);
        registry.add("chorus.voice.default-region", () -> "eu");
        registry.add("chorus.voice.request-timeout", () -> "10s"); // a slow poll on a busy machine is no lost bridge
        registry.add("chorus.voice.relay-retry-interval", () -> "200ms");
        registry.add("chorus.voice.bridges[0].name", () -> "eu-1");
        registry.add("chorus.voice.bridges[0].region", () -> "eu");
        registry.add("chorus.voice.bridges[0].base-url", () -> EU.baseUrl().toString());
        registry.add("chorus.voice.bridges[1].name", () -> "us-1");
        registry.add("chorus.voice.bridges[1].region", () -> "us");
        registry.add("chorus.voice.bridges[1].base-url", () -> US.baseUrl().toString());
        registry.add("chorus.voice.bridges[1].api-token", () -> US_BRIDGE_TOKEN);
    }

    @AfterAll
    static void stopBridges() {
        EU.stop();
        US.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    UserEventInboxes inboxes;

    @Test
    void aListenerGetsAForceMutedEndpointAndAnOfferOnce() {
        String room = newId();
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        int before = EU.endpointCount();

        Reply first = api.post("/rooms/" + room + "/members/ann/session", Map.of("role", "listener", "muted", false));
        Reply again = api.post("/rooms/" + room + "/members/ann/session", Map.of("role", "listener", "muted", false));

        assertThat(first.status()).isEqualTo(200);
        JsonNode session = first.body();
        assertThat(session.path("canSend").asBoolean()).isFalse();
        assertThat(session.path("region").asString()).isEqualTo("eu");
        assertThat(session.path("roomId").asString()).isEqualTo(room);
        assertThat(session.path("sdpOffer").asString()).contains("a=ice-ufrag:4gvjt1k82v4d7k", "a=inactive");
        assertThat(again.body().path("sessionId")).isEqualTo(session.path("sessionId"));
        assertThat(EU.endpointCount()).isEqualTo(before + 1);
        JsonNode create = EU.requests().stream().filter(r -> r.method().equals("POST")
                && r.body().path("name").asString().equals("room-" + room + "@conference.chorus")).findFirst().orElseThrow().body();
        assertThat(create.path("endpoints").path(0).path("force-mute").path("audio").asBoolean()).isTrue();
    }

    @Test
    void membersAreServedInTheirRegionAndUnknownRegionsFallBackToTheDefault() {
        String room = newId();
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);

        JsonNode us = api.post("/rooms/" + room + "/members/bo/session", Map.of("role", "speaker", "region", "us")).body();
        JsonNode mars = api.post("/rooms/" + room + "/members/cy/session", Map.of("role", "speaker", "region", "mars")).body();

        assertThat(us.path("region").asString()).isEqualTo("us");
        assertThat(us.path("bridge").asString()).isEqualTo("us-1");
        assertThat(mars.path("region").asString()).isEqualTo("eu");
        assertThat(mars.path("sdpOffer").asString()).contains("a=recvonly");
    }

    @Test
    void aSpeakersAnswerReachesTheBridgeAndListenersGetAnOfferWithTheirSource() {
        String room = newId();
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        UserEventInbox listenerInbox = inboxes.of("lis-" + room);
        api.post("/rooms/" + room + "/members/lis-" + room + "/session", Map.of("role", "listener"));
        JsonNode speaker = api.post("/rooms/" + room + "/members/spk/session", Map.of("role", "host")).body();

        Reply answered = api.post("/rooms/" + room + "/members/spk/session/answer",
                Map.of("sessionId", speaker.path("sessionId").asString(), "sdp", SampleAnswers.speaker(3333333333L)));

        assertThat(answered.status()).as(answered.toString()).isEqualTo(204);
        JsonNode patch = EU.lastChange().body().path("endpoints").path(0);
        assertThat(patch.path("id").asString()).isEqualTo(speaker.path("sessionId").asString());
        assertThat(patch.path("transport").path("transport").path("ufrag").asString()).isEqualTo("brwsr");
        assertThat(patch.path("sources").path(0).path("sources").path(0).path("ssrc").asLong()).isEqualTo(3333333333L);
        JsonNode event = listenerInbox.next();
        assertThat(event.path("type").asString()).isEqualTo("voice-ready");
        assertThat(event.path("session").path("sources").path(0).path("userId").asString()).isEqualTo("spk");
        assertThat(event.path("session").path("sdpOffer").asString()).contains("a=ssrc:3333333333 cname:chorus-spk");
    }

    @Test
    void aRoomSpanningRegionsLinksItsBridgesByRelaysAndListenersHearTheOtherRegion() {
        String room = newId();
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        UserEventInbox usListener = inboxes.of("usl-" + room);
        JsonNode listener = api.post("/rooms/" + room + "/members/usl-" + room + "/session",
                Map.of("role", "listener", "region", "us")).body();
        JsonNode speaker = api.post("/rooms/" + room + "/members/eus/session", Map.of("role", "speaker", "region", "eu"))
                .body();
        String euMeeting = meetingOf(EU, speaker.path("sessionId").asString());
        String usMeeting = meetingOf(US, listener.path("sessionId").asString());

        // eu-1 < us-1: eu's relay (named us-1) controls ICE and gets us's transport as DTLS "active".
        JsonNode euCreate = relayRequest(EU, euMeeting, 0);
        JsonNode usCreate = relayRequest(US, usMeeting, 0);
        assertThat(euCreate.path("id").asString()).isEqualTo("us-1");
        assertThat(euCreate.path("create").asBoolean()).isTrue();
        assertThat(euCreate.path("mesh-id").asString()).isEqualTo(room);
        assertThat(euCreate.path("transport").path("ice-controlling").asBoolean()).isTrue();
        assertThat(euCreate.path("medias").get(0).path("type").asString()).isEqualTo("audio");
        assertThat(euCreate.path("endpoints").get(0).path("id").asString()).isEqualTo(listener.path("sessionId").asString());
        assertThat(euCreate.path("endpoints").get(0).path("stats-id").asString()).isEqualTo("usl-" + room);
        assertThat(usCreate.path("id").asString()).isEqualTo("eu-1");
        assertThat(usCreate.path("transport").has("ice-controlling")).isFalse();
        assertThat(usCreate.path("endpoints").get(0).path("id").asString()).isEqualTo(speaker.path("sessionId").asString());
        assertThat(relayRequest(EU, euMeeting, 1).path("transport").path("transport").path("fingerprints").get(0)
                .path("setup").asString()).isEqualTo("active");
        assertThat(relayRequest(US, usMeeting, 1).path("transport").path("transport").path("fingerprints").get(0)
                .path("setup").asString()).isEqualTo("passive");
        assertThat(EU.relays(euMeeting)).containsExactly("us-1");
        assertThat(US.relays(usMeeting)).containsExactly("eu-1");

        api.post("/rooms/" + room + "/members/eus/session/answer",
                Map.of("sessionId", speaker.path("sessionId").asString(), "sdp", SampleAnswers.speaker(2222222222L)));

        JsonNode sources = relayRequest(US, usMeeting, 2).path("endpoints").get(0);
        assertThat(sources.path("id").asString()).isEqualTo(speaker.path("sessionId").asString());
        assertThat(sources.has("create")).isFalse();
        assertThat(sources.path("sources").get(0).path("sources").get(0).path("ssrc").asLong()).isEqualTo(2222222222L);
        JsonNode event = usListener.next();
        assertThat(event.path("type").asString()).isEqualTo("voice-ready");
        assertThat(event.path("session").path("bridge").asString()).isEqualTo("us-1");
        assertThat(event.path("session").path("sources").get(0).path("userId").asString()).isEqualTo("eus");
        assertThat(event.path("session").path("sdpOffer").asString()).contains("a=ssrc:2222222222 cname:chorus-eus");

        // The last member in us leaves: the us conference and the relay to it go.
        int usConferences = US.conferenceCount();
        api.delete("/rooms/" + room + "/members/usl-" + room + "/session");
        assertThat(US.conferenceCount()).isEqualTo(usConferences - 1);
        assertThat(EU.relays(euMeeting)).isEmpty();
        assertThat(relayRequest(EU, euMeeting, 2).path("expire").asBoolean()).isTrue();
    }

    @Test
    void relaysABridgeRefusedAreTriedAgainWithoutWaitingForTheRoomToChange() {
        String room = newId();
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        US.refuseRelays(1);
        JsonNode listener = api.post("/rooms/" + room + "/members/usr-" + room + "/session",
                Map.of("role", "listener", "region", "us")).body();
        JsonNode speaker = api.post("/rooms/" + room + "/members/eur/session", Map.of("role", "speaker", "region", "eu"))
                .body();
        String euMeeting = meetingOf(EU, speaker.path("sessionId").asString());
        String usMeeting = meetingOf(US, listener.path("sessionId").asString());

        // The refused pair left nothing behind: eu's half was expired again.
        assertThat(relayRequest(EU, euMeeting, 1).path("expire").asBoolean()).isTrue();
        // Refused create, then create and transport.
        await().atMost(Duration.ofSeconds(20)).until(() -> EU.relays(euMeeting).contains("us-1")
                && US.relayRequests().stream().filter(r -> r.path().endsWith("/" + usMeeting)).count() == 3);
        assertThat(US.relays(usMeeting)).containsExactly("eu-1");
        assertThat(relayRequest(US, usMeeting, 2).path("transport").path("transport").path("fingerprints").get(0)
                .path("setup").asString()).isEqualTo("passive");
    }

    /** The meeting id of the conference an endpoint was created in on a bridge. */
    private static String meetingOf(ReplayBridge bridge, String endpointId) {
        return bridge.requests().stream().filter(r -> r.body() != null
                && r.body().path("endpoints").path(0).path("id").asString().equals(endpointId)
                && r.body().path("endpoints").path(0).path("create").asBoolean(false))
                .map(r -> r.method().equals("POST") ? r.body().path("meeting-id").asString()
                        : r.path().substring("/colibri/v2/conferences/".length()))
                .findFirst().orElseThrow();
    }

    /** The n-th relay request sent for one conference: its one relay. */
    private static JsonNode relayRequest(ReplayBridge bridge, String meetingId, int n) {
        return bridge.relayRequests().stream().filter(r -> r.path().endsWith("/" + meetingId)).toList().get(n).body()
                .path("relays").get(0);
    }

    @Test
    void promotionLiftsForceMuteAndAsksForANewOfferDemotionRestoresIt() {
        String room = newId();
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        String endpoint = api.post("/rooms/" + room + "/members/dee/session", Map.of("role", "listener")).body()
                .path("sessionId").asString();

        Reply promoted = api.put("/rooms/" + room + "/members/dee/session/role", Map.of("role", "speaker", "muted", false));
        JsonNode unmute = EU.lastChange().body().path("endpoints").path(0);
        Reply muted = api.put("/rooms/" + room + "/members/dee/session/role", Map.of("role", "speaker", "muted", true));
        JsonNode mute = EU.lastChange().body().path("endpoints").path(0);

        assertThat(promoted.body().path("renegotiate").asBoolean()).isTrue();
        assertThat(promoted.body().path("session").path("canSend").asBoolean()).isTrue();
        assertThat(unmute.path("id").asString()).isEqualTo(endpoint);
        assertThat(unmute.path("force-mute").path("audio").asBoolean(true)).isFalse();
        assertThat(muted.body().path("renegotiate").asBoolean()).isFalse();
        assertThat(mute.path("force-mute").path("audio").asBoolean()).isTrue();
    }

    @Test
    void leavingExpiresTheEndpointAndEndingTheRoomExpiresTheConference() {
        String room = newId();
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        String endpoint = api.post("/rooms/" + room + "/members/eve/session", Map.of("role", "speaker")).body()
                .path("sessionId").asString();
        int conferences = EU.conferenceCount();

        assertThat(api.delete("/rooms/" + room + "/members/eve/session").status()).isEqualTo(204);
        assertThat(EU.lastChange().body().path("endpoints").path(0).path("expire").asBoolean()).isTrue();
        assertThat(EU.lastChange().body().path("endpoints").path(0).path("id").asString()).isEqualTo(endpoint);
        assertThat(api.delete("/rooms/" + room + "/members/eve/session").status()).isEqualTo(204);
        assertThat(api.delete("/rooms/" + room).status()).isEqualTo(204);
        assertThat(EU.conferenceCount()).isEqualTo(conferences - 1);
    }

    @Test
    void theFleetListingShowsEachBridgesStateButNeverItsToken() {
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/bridges").body().get(1).path("up").asBoolean());
        Reply fleet = api.get("/bridges");

        assertThat(fleet.status()).isEqualTo(200);
        assertThat(fleet.body().size()).isEqualTo(2);
        assertThat(fleet.body().get(0).path("name").asString()).isEqualTo("eu-1");
        assertThat(fleet.body().get(1).path("name").asString()).isEqualTo("us-1");
        JsonNode us = fleet.body().get(1);
        assertThat(us.path("region").asString()).isEqualTo("us");
        assertThat(us.path("baseUrl").asString()).isEqualTo(US.baseUrl().toString());
        assertThat(us.path("draining").asBoolean()).isFalse();
        assertThat(fleet.body().toString()).doesNotContain(US_BRIDGE_TOKEN);
        assertThat(US.requests().get(0).authorization()).isEqualTo("Bearer " + US_BRIDGE_TOKEN);
        assertThat(new VoiceApiClient(port, null).get("/bridges").status()).isEqualTo(401);
    }

    @Test
    void requestsWithoutTheServiceTokenAreRefused() {
        Reply anonymous = new VoiceApiClient(port, null).post("/rooms/r/members/u/session", Map.of("role", "speaker"));
        Reply wrong = new VoiceApiClient(port, "nope").delete("/rooms/r");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.body().path("type").asString()).isEqualTo("https://chorus.dev/problems/voice/unauthorized");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void badAnswersAndUnknownSessionsAreProblems() {
        String room = newId();
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        String endpoint = api.post("/rooms/" + room + "/members/fay/session", Map.of("role", "speaker")).body()
                .path("sessionId").asString();

        Reply garbage = api.post("/rooms/" + room + "/members/fay/session/answer", Map.of("sessionId", endpoint, "sdp", "hello"));
        Reply stale = api.post("/rooms/" + room + "/members/fay/session/answer",
                Map.of("sessionId", "old", "sdp", SampleAnswers.speaker(1)));
        Reply noRole = api.post("/rooms/" + room + "/members/fay/session", Map.of("muted", true));

        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().path("type").asString()).endsWith("/invalid-sdp");
        assertThat(stale.status()).isEqualTo(404);
        assertThat(stale.body().path("type").asString()).endsWith("/unknown-session");
        assertThat(noRole.status()).isEqualTo(400);
        assertThat(noRole.contentType()).startsWith("application/problem+json");
    }

    private static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
