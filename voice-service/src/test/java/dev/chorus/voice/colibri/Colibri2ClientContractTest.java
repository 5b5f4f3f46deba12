package dev.chorus.voice.colibri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.voice.VoiceProperties;
import dev.chorus.voice.testbridge.Capture;
import dev.chorus.voice.testbridge.ReplayBridge;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Colibri2 client against a loopback server that answers with what a real Jitsi Videobridge
 * answered: each request voice-service sends must equal the captured request, and each captured answer
 * (JSON, HTML error page, empty body, the string "null") must be understood.
 */
class Colibri2ClientContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MEETING = "7a1e5b2c-0000-4000-8000-00000000a001";

    private final ReplayBridge replay = new ReplayBridge();
    private final VoiceProperties.Bridge bridge = new VoiceProperties.Bridge("jvb-1", "eu", replay.baseUrl(), "jvb-1.example", null);
    private final Colibri2Client client = client();

    @AfterEach
    void stop() {
        replay.stop();
    }

    @Test
    void createConferenceSendsTheCapturedRequestAndReadsTheBridgeTransport() {
        Capture capture = Capture.load("03-create-conference");
        replay.replayNext(capture);

        IceTransport transport = client.createConference(bridge, MEETING, "audioonly@conference.example.com",
                new EndpointRequest("ep1aaaaa", "Alice-1", true, false));

        assertSameRequest(capture);
        assertThat(transport.ufrag()).isEqualTo("4gvjt1k82v4d7k");
        assertThat(transport.pwd()).isEqualTo("1ndkkerrotsruun5egdqie44s3");
        assertThat(transport.fingerprints()).singleElement().satisfies(f -> {
            assertThat(f.hash()).isEqualTo("sha-256");
            assertThat(f.setup()).isEqualTo("actpass");
            assertThat(f.fingerprint()).startsWith("DA:C1:25:C0");
        });
        assertThat(transport.candidates()).singleElement().satisfies(c -> {
            assertThat(c.ip()).isEqualTo("192.0.2.2");
            assertThat(c.port()).isEqualTo("10000");
            assertThat(c.type()).isEqualTo("host");
            assertThat(c.priority()).isEqualTo("2130706431");
        });
    }

    @Test
    void addEndpointSendsTheCapturedRequest() {
        Capture capture = Capture.load("04-add-second-endpoint");
        replay.replayNext(capture);

        IceTransport transport = client.addEndpoint(bridge, MEETING, new EndpointRequest("ep2bbbbb", "Bob-2", false, false));

        assertSameRequest(capture);
        assertThat(transport.ufrag()).isEqualTo("3pfv51k82v4enr");
    }

    @Test
    void listenersAreCreatedForceMuted() {
        replay.replayNext(Capture.load("04-add-second-endpoint"));

        client.addEndpoint(bridge, MEETING, new EndpointRequest("ep2bbbbb", "Bob-2", false, true));

        JsonNode forceMute = replay.lastRequest().body().path("endpoints").path(0).path("force-mute");
        assertThat(forceMute.path("audio").asBoolean()).isTrue();
    }

    @Test
    void applyAnswerSendsTheCapturedTransportAndSources() {
        Capture capture = Capture.load("05-set-transport-sources");
        replay.replayNext(capture);
        IceTransport browser = new IceTransport("cLiEnTuFrAg1", "clientIcePasswordAbcdef0123456789",
                List.of(new DtlsFingerprint("sha-256",
                        "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99", "active")),
                List.of(new IceCandidate("1", "1", "udp", "2130706431", "127.0.0.1", "50000", "host", "0", null, null)));

        client.applyAnswer(bridge, MEETING, "ep1aaaaa", browser, new AudioSourceSpec(1111111111L, "ep1-stream ep1-audio-track"));

        // Candidate ids are ours to choose; everything else must match what the bridge accepted.
        assertThat(withoutCandidateIds(replay.lastRequest().body())).isEqualTo(withoutCandidateIds(JSON.readTree(capture.requestBody())));
        assertThat(replay.lastRequest().path()).isEqualTo(capture.path());
    }

    @Test
    void expireEndpointAndConferenceSendTheCapturedRequests() {
        Capture endpoint = Capture.load("10-expire-endpoint-ep2");
        replay.replayNext(endpoint);
        client.expireEndpoint(bridge, MEETING, "ep2bbbbb");
        assertSameRequest(endpoint);

        Capture conference = Capture.load("13-expire-conference");
        replay.replayNext(conference);
        client.expireConference(bridge, MEETING);
        assertSameRequest(conference);
    }

    @Test
    void forceMuteFlipsAudioOnTheEndpoint() {
        replay.replayNext(Capture.load("05-set-transport-sources"));
        client.forceMute(bridge, MEETING, "ep1aaaaa", false);
        JsonNode endpoint = replay.lastRequest().body().path("endpoints").path(0);
        assertThat(endpoint.path("id").asString()).isEqualTo("ep1aaaaa");
        assertThat(endpoint.path("force-mute").path("audio").asBoolean(true)).isFalse();
        assertThat(replay.lastRequest().method()).isEqualTo("PATCH");
    }

    @Test
    void theStringNullMeansNoDominantSpeaker() {
        replay.replayNext(Capture.load("07-dominant-speaker"));
        assertThat(client.dominantSpeaker(bridge, MEETING)).isEmpty();
        assertThat(replay.lastRequest().path()).isEqualTo(Capture.load("07-dominant-speaker").path());
    }

    @Test
    void healthWithEmptyBodyAndStatsAreUnderstood() {
        replay.replayNext(Capture.load("08-health"));
        client.checkHealth(bridge);

        replay.replayNext(Capture.load("09-stats"));
        BridgeStats stats = client.stats(bridge);
        assertThat(stats.stressLevel()).isEqualTo(1.1111111111111112);
        assertThat(stats.draining()).isFalse();
        assertThat(stats.healthy()).isTrue();
        assertThat(stats.conferences()).isEqualTo(1);
        assertThat(stats.endpoints()).isEqualTo(0);
    }

    @Test
    void htmlNotFoundPageBecomesNotFound() {
        replay.replayNext(Capture.load("14-dominant-speaker-gone"));
        assertThatThrownBy(() -> client.dominantSpeaker(bridge, MEETING))
                .isInstanceOfSatisfying(Colibri2Exception.class, e -> {
                    assertThat(e.notFound()).isTrue();
                    assertThat(e.bridgeMessage()).isEqualTo("Not Found");
                    assertThat(e.transientFailure()).isFalse();
                });
    }

    @Test
    void emptyNotFoundAnswerBecomesNotFound() {
        replay.replayNext(Capture.load("20-patch-unknown-conf"));
        assertThatThrownBy(() -> client.expireConference(bridge, "no-such-meeting"))
                .isInstanceOfSatisfying(Colibri2Exception.class, e -> {
                    assertThat(e.notFound()).isTrue();
                    assertThat(e.bridgeMessage()).isEmpty();
                });
        assertSameRequest(Capture.load("20-patch-unknown-conf"));
    }

    @Test
    void htmlBadRequestKeepsTheBridgesMessage() {
        replay.replayNext(Capture.load("21-post-existing-conf"));
        assertThatThrownBy(() -> client.createConference(bridge, "7a1e5b2c-0000-4000-8000-00000000b002",
                "errors@conference.example.com", new EndpointRequest("ep9", "x", false, false)))
                .isInstanceOfSatisfying(Colibri2Exception.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.bridgeMessage()).isEqualTo(
                            "Failed to create conference: Conference already exists for ID: 7a1e5b2c-0000-4000-8000-00000000b002");
                });
    }

    @Test
    void emptyBadRequestAndNotImplementedAreErrors() {
        replay.replayNext(Capture.load("27-create-ep-duplicate"));
        assertThatThrownBy(() -> client.addEndpoint(bridge, MEETING, new EndpointRequest("ep5eeeee", "x", false, false)))
                .isInstanceOfSatisfying(Colibri2Exception.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.bridgeMessage()).isEmpty();
                });
        replay.replayNext(Capture.load("19-get-conference"));
        assertThatThrownBy(() -> client.stats(bridge))
                .isInstanceOfSatisfying(Colibri2Exception.class, e -> {
                    assertThat(e.status()).isEqualTo(501);
                    assertThat(e.transientFailure()).isTrue();
                    assertThat(e.bridgeMessage()).isEqualTo("Not Implemented");
                });
    }

    @Test
    void aBridgeThatDoesNotAnswerIsATransientFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        VoiceProperties.Bridge gone = new VoiceProperties.Bridge("gone", "eu", URI.create("http://127.0.0.1:" + port), null, null);
        assertThatThrownBy(() -> client.checkHealth(gone))
                .isInstanceOfSatisfying(Colibri2Exception.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.transientFailure()).isTrue();
                });
    }

    @Test
    void everyRequestCarriesTheBridgesApiTokenWhenOneIsSet() {
        VoiceProperties.Bridge guarded = new VoiceProperties.Bridge("sfu-1", "eu", replay.baseUrl(), null, "sfu-token");
        replay.replayNext(Capture.load("03-create-conference"));
        client.createConference(guarded, MEETING, "audioonly@conference.example.com",
                new EndpointRequest("ep1aaaaa", "Alice-1", true, false));
        replay.replayNext(Capture.load("05-set-transport-sources"));
        client.forceMute(guarded, MEETING, "ep1aaaaa", true);
        replay.replayNext(Capture.load("07-dominant-speaker"));
        client.dominantSpeaker(guarded, MEETING);
        replay.replayNext(Capture.load("08-health"));
        client.checkHealth(guarded);
        replay.replayNext(Capture.load("09-stats"));
        client.stats(guarded);

        assertThat(replay.requests()).hasSize(5)
                .allSatisfy(r -> assertThat(r.authorization()).as(r.path()).isEqualTo("Bearer sfu-token"));
    }

    @Test
    void noAuthorizationIsSentWithoutAToken() {
        replay.replayNext(Capture.load("09-stats"));
        client.stats(bridge);
        replay.replayNext(Capture.load("05-set-transport-sources"));
        client.forceMute(bridge, MEETING, "ep1aaaaa", true);

        assertThat(replay.requests()).hasSize(2).allSatisfy(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void aBridgeRefusingOurTokenIsAnUnauthorizedBridgeError() {
        replay.requireToken("right-token");
        VoiceProperties.Bridge wrong = new VoiceProperties.Bridge("sfu-1", "eu", replay.baseUrl(), null, "wrong-token");

        assertThatThrownBy(() -> client.stats(wrong))
                .isInstanceOfSatisfying(Colibri2Exception.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.unauthorized()).isTrue();
                    assertThat(e.transientFailure()).isFalse();
                    assertThat(e.getMessage()).contains("sfu-1").contains("refused our API token")
                            .doesNotContain("wrong-token").doesNotContain("right-token");
                });
        assertThatThrownBy(() -> client.addEndpoint(bridge, MEETING, new EndpointRequest("ep2bbbbb", "Bob-2", false, false)))
                .isInstanceOfSatisfying(Colibri2Exception.class, e -> {
                    assertThat(e.unauthorized()).isTrue();
                    assertThat(e.getMessage()).contains("requires an API token");
                });
        assertThat(replay.endpointCount()).isZero();
    }

    private void assertSameRequest(Capture capture) {
        ReplayBridge.Request sent = replay.lastRequest();
        assertThat(sent.method()).isEqualTo(capture.method());
        assertThat(sent.path()).isEqualTo(capture.path());
        assertThat(sent.body()).isEqualTo(JSON.readTree(capture.requestBody()));
    }

    private static JsonNode withoutCandidateIds(JsonNode body) {
        JsonNode copy = body.deepCopy();
        for (JsonNode candidate : copy.path("endpoints").path(0).path("transport").path("transport").path("candidates")) {
            ((ObjectNode) candidate).remove("id");
        }
        return copy;
    }

    private static Colibri2Client client() {
        VoiceProperties properties = new VoiceProperties("t", "eu", List.of(), Duration.ofSeconds(2), 2,
                Duration.ofSeconds(2), "conference.chorus",
                Duration.ofSeconds(10));
        return new Colibri2Client(JSON, properties);
    }
}
