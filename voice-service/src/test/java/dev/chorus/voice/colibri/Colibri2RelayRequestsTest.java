package dev.chorus.voice.colibri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.colibri2.IceUdpTransport;
import dev.chorus.voice.VoiceProperties;
import dev.chorus.voice.testbridge.ReplayBridge;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay requests the client sends have the shape Jitsi Videobridge reads (as Jicofo writes them:
 * one relay per request, {@code mesh-id}, {@code ice-controlling} only on the controlling side, the
 * other bridge's endpoints with their sources, its transport with the DTLS role set), over real HTTP.
 */
class Colibri2RelayRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MEETING = "7a1e5b2c-0000-4000-8000-00000000a001";

    private final ReplayBridge bridge = new ReplayBridge();
    private final VoiceProperties.Bridge eu = new VoiceProperties.Bridge("eu-1", "eu", bridge.baseUrl(), "eu-1", null);
    private final Colibri2Client client = new Colibri2Client(JSON, new VoiceProperties("token", "eu",
            List.of(eu), Duration.ofSeconds(2), 2, Duration.ofSeconds(5), "conference.chorus",
            Duration.ofSeconds(10)));

    @AfterEach
    void stop() {
        bridge.stop();
    }

    @Test
    void aRelayIsAllocatedWithTheOtherBridgesEndpointsAndAnswersItsTransport() {
        client.createConference(eu, MEETING, "room-r@conference.chorus", new EndpointRequest("e1", "ann", false, false));

        IceUdpTransport transport = client.createRelay(eu, MEETING, "us-1", "room-r", true,
                List.of(new RelayedEndpoint("a1b2", "bo", 3333333333L), new RelayedEndpoint("c3d4", "cy", 0)));

        assertThat(bridge.lastChange().path()).isEqualTo("/colibri/v2/conferences/" + MEETING);
        assertThat(bridge.lastChange().body()).isEqualTo(JSON.readTree("""
                {"relays":[{"id":"us-1","create":true,"mesh-id":"room-r",
                  "medias":[{"type":"audio",
                    "payload-types":[{"name":"opus","id":"111","channels":"2","clockrate":"48000",
                      "parameters":{"minptime":"10","useinbandfec":"1"}}],
                    "rtp-hdrexts":[{"uri":"urn:ietf:params:rtp-hdrext:ssrc-audio-level","id":1}]}],
                  "transport":{"ice-controlling":true},
                  "endpoints":[
                    {"id":"a1b2","create":true,"stats-id":"bo","sources":[{"type":"audio","id":"a1b2-a0",
                      "sources":[{"ssrc":3333333333,"name":"a1b2-a0"}]}]},
                    {"id":"c3d4","create":true,"stats-id":"cy"}]}]}
                """));
        assertThat(transport.ufrag()).isEqualTo("4gvjt1k82v4d7k");
        assertThat(transport.fingerprints().get(0).setup()).isEqualTo("actpass");
        assertThat(bridge.relays(MEETING)).containsExactly("us-1");

        client.createRelay(eu, MEETING, "ap-1", "room-r", false, List.of());
        assertThat(bridge.lastChange().body().path("relays").get(0).path("transport").isEmpty())
                .as("the controlled side leaves ice-controlling out, as Jitsi does for false").isTrue();
    }

    @Test
    void theOtherSidesTransportCarriesTheDtlsRoleJicofoAssigns() {
        client.createConference(eu, MEETING, "room-r@conference.chorus", new EndpointRequest("e1", "ann", false, false));
        IceUdpTransport remote = client.createRelay(eu, MEETING, "us-1", "room-r", true, List.of());

        client.setRelayTransport(eu, MEETING, "us-1", remote, true);
        JsonNode controlling = bridge.lastChange().body().path("relays").get(0);
        client.setRelayTransport(eu, MEETING, "us-1", remote, false);
        JsonNode controlled = bridge.lastChange().body().path("relays").get(0);

        assertThat(controlling.path("id").asString()).isEqualTo("us-1");
        assertThat(controlling.has("create")).isFalse();
        JsonNode ice = controlling.path("transport").path("transport");
        assertThat(ice.path("ufrag").asString()).isEqualTo(remote.ufrag());
        assertThat(ice.path("pwd").asString()).isEqualTo(remote.pwd());
        assertThat(ice.path("xmlns").asString()).isEqualTo(IceUdpTransport.XMLNS);
        assertThat(ice.path("candidates").get(0).path("port").asString()).isEqualTo("10000");
        assertThat(ice.path("fingerprints").get(0).path("setup").asString()).isEqualTo("active");
        assertThat(ice.path("fingerprints").get(0).path("hash").asString()).isEqualTo("sha-256");
        assertThat(controlled.path("transport").path("transport").path("fingerprints").get(0).path("setup").asString())
                .isEqualTo("passive");
        // Only the controlling side dials the other bridge's web socket (its bridge channel).
        assertThat(remote.webSockets()).isNotEmpty();
        assertThat(ice.path("web-sockets").get(0).asString()).isEqualTo(remote.webSockets().get(0));
        assertThat(controlled.path("transport").path("transport").has("web-sockets")).isFalse();
    }

    @Test
    void endpointChangesAndExpiryAreOneRelayEach() {
        client.createConference(eu, MEETING, "room-r@conference.chorus", new EndpointRequest("e1", "ann", false, false));
        client.createRelay(eu, MEETING, "us-1", "room-r", true, List.of());

        client.updateRelayEndpoints(eu, MEETING, "us-1", List.of(new RelayedEndpoint("n1", "new", 0)),
                List.of(new RelayedEndpoint("s1", "spk", 42), new RelayedEndpoint("d1", "demoted", 0)), List.of("g1"));
        JsonNode update = bridge.lastChange().body();
        client.expireRelay(eu, MEETING, "us-1");

        assertThat(update).isEqualTo(JSON.readTree("""
                {"relays":[{"id":"us-1","endpoints":[
                  {"id":"n1","create":true,"stats-id":"new"},
                  {"id":"s1","sources":[{"type":"audio","id":"s1-a0","sources":[{"ssrc":42,"name":"s1-a0"}]}]},
                  {"id":"d1","sources":[]},
                  {"id":"g1","expire":true}]}]}
                """));
        assertThat(bridge.lastChange().body()).isEqualTo(JSON.readTree("{\"relays\":[{\"id\":\"us-1\",\"expire\":true}]}"));
        assertThat(bridge.relays(MEETING)).isEmpty();
    }
}
