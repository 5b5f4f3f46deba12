package dev.chorus.voice.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.media.peer.RemoteTransport;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.media.transport.dtls.DtlsFingerprint;
import dev.chorus.sfu.MediaSfuApplication;
import dev.chorus.sfu.conference.BridgeConference;
import dev.chorus.sfu.conference.BridgeRelay;
import dev.chorus.sfu.conference.ConferenceRegistry;
import dev.chorus.testsupport.ChorusServersInitializer;
import dev.chorus.voice.VoiceApiClient;
import dev.chorus.voice.VoiceApiClient.Reply;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * End to end across regions: voice-service on its real port with Redis and RabbitMQ drives two real
 * media-sfu bridges (in this JVM, each with its own HTTP and UDP port) in regions {@code eu} and
 * {@code us}; synthetic WebRTC peers answer the offers it writes and connect to their own region's
 * bridge. A speaker in {@code eu} is heard in {@code us} through the relays voice-service sets up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ChorusServersInitializer.class)
class RelayedAudioThroughMediaSfuTest {

    static final String TOKEN = "relay-test-token";
    static final ConfigurableApplicationContext EU = startBridge();
    static final ConfigurableApplicationContext US = startBridge();

    @DynamicPropertySource
    static void bridges(DynamicPropertyRegistry registry) {
        registry.add("chorus.voice.service-token", () -> TOKEN);
        registry.add("chorus.voice.default-region", () -> "eu");
        registry.add("chorus.voice.request-timeout", () -> "10s");
        registry.add("chorus.voice.bridges[0].name", () -> "eu-1");
        registry.add("chorus.voice.bridges[0].region", () -> "eu");
        registry.add("chorus.voice.bridges[0].base-url", () -> "http://127.0.0.1:" + httpPort(EU));
        registry.add("chorus.voice.bridges[1].name", () -> "us-1");
        registry.add("chorus.voice.bridges[1].region", () -> "us");
        registry.add("chorus.voice.bridges[1].base-url", () -> "http://127.0.0.1:" + httpPort(US));
    }

    @AfterAll
    static void stopBridges() {
        EU.close();
        US.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aSpeakerInEuIsHeardInUsWithEveryPacketInOrder() throws Exception {
        String room = UUID.randomUUID().toString().substring(0, 8);
        VoiceApiClient api = new VoiceApiClient(port, TOKEN);
        try (PeerRuntime runtime = PeerRuntime.start()) {
            SyntheticPeer speaker = SyntheticPeer.create(runtime);
            SyntheticPeer listener = SyntheticPeer.create(runtime);
            join(api, room, "ann", "speaker", "eu", speaker, true);
            join(api, room, "bo", "listener", "us", listener, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> relaysConnected(EU) && relaysConnected(US));

            speaker.startSending();
            Thread.sleep(1000);
            speaker.stopSending();

            long sent = speaker.sent().packets();
            assertThat(sent).isGreaterThan(20);
            // Loopback UDP may lose a datagram on a busy machine: nearly every packet, none altered.
            long tolerance = Math.max(2, sent / 20);
            await().atMost(Duration.ofSeconds(10)).until(() -> received(listener, speaker) >= sent - tolerance);
            ReceivedStream heard = listener.received(speaker.ssrc()).orElseThrow();
            assertThat(heard.payloadMismatches()).isZero();
            assertThat(heard.packets()).isBetween(sent - tolerance, sent);

            assertThat(api.delete("/rooms/" + room).status()).isEqualTo(204);
            assertThat(EU.getBean(ConferenceRegistry.class).conferences()).isEmpty();
            assertThat(US.getBean(ConferenceRegistry.class).conferences()).isEmpty();
        }
    }

    /** Opens the member's session, answers its offer as a browser would, and connects the peer. */
    private static void join(VoiceApiClient api, String room, String user, String role, String region, SyntheticPeer peer,
            boolean sends) throws Exception {
        Reply opened = api.post("/rooms/" + room + "/members/" + user + "/session", Map.of("role", role, "region", region));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        JsonNode session = opened.body();
        assertThat(session.path("region").asString()).isEqualTo(region);
        Reply answered = api.post("/rooms/" + room + "/members/" + user + "/session/answer",
                Map.of("sessionId", session.path("sessionId").asString(), "sdp", answer(peer, sends)));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(204);
        peer.connect(bridgeOf(session.path("sdpOffer").asString())).get(20, TimeUnit.SECONDS);
    }

    /** The bridge's ICE credentials, host candidate and fingerprint, read from the offer. */
    private static RemoteTransport bridgeOf(String offer) {
        String ufrag = value(offer, "a=ice-ufrag:");
        String pwd = value(offer, "a=ice-pwd:");
        String[] fingerprint = value(offer, "a=fingerprint:").split(" ");
        String[] candidate = value(offer, "a=candidate:").split(" ");
        return new RemoteTransport(ufrag, pwd, new InetSocketAddress(candidate[4], Integer.parseInt(candidate[5])),
                new DtlsFingerprint(fingerprint[0], fingerprint[1]));
    }

    private static String value(String sdp, String prefix) {
        return Arrays.stream(sdp.split("\r\n")).filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length())).orElseThrow();
    }

    /** A browser-shaped answer for the peer: its credentials, host candidate, fingerprint, and SSRC when it sends. */
    private static String answer(SyntheticPeer peer, boolean sends) {
        InetSocketAddress local = peer.localAddress();
        StringBuilder sdp = new StringBuilder();
        for (String line : new String[] {"v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0",
                "a=candidate:1 1 udp 2122260223 " + local.getHostString() + " " + local.getPort() + " typ host generation 0",
                "a=ice-ufrag:" + peer.iceCredentials().ufrag(), "a=ice-pwd:" + peer.iceCredentials().pwd(),
                "a=fingerprint:sha-256 " + peer.fingerprint().value(), "a=setup:active", "a=mid:0",
                sends ? "a=sendonly" : "a=inactive", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2"}) {
            sdp.append(line).append("\r\n");
        }
        if (sends) {
            sdp.append("a=msid:peer audio\r\n").append("a=ssrc:").append(Integer.toUnsignedLong(peer.ssrc()))
                    .append(" cname:peer\r\n");
        }
        return sdp.toString();
    }

    private static boolean relaysConnected(ConfigurableApplicationContext bridge) {
        for (BridgeConference conference : bridge.getBean(ConferenceRegistry.class).conferences()) {
            BridgeRelay[] relays = conference.relays();
            if (relays.length == 0 || !Arrays.stream(relays).allMatch(BridgeRelay::isReachable)) {
                return false;
            }
        }
        return true;
    }

    private static long received(SyntheticPeer listener, SyntheticPeer sender) {
        return listener.received(sender.ssrc()).map(ReceivedStream::packets).orElse(0L);
    }

    /** A media-sfu bridge on free ports; it reads no configuration file of this module. */
    private static ConfigurableApplicationContext startBridge() {
        return new SpringApplicationBuilder(MediaSfuApplication.class).run("--spring.config.name=media-sfu-under-test",
                "--server.port=0", "--chorus.sfu.udp-port=0", "--chorus.sfu.bind-address=127.0.0.1",
                "--chorus.sfu.housekeeping-interval=100ms");
    }

    private static int httpPort(ConfigurableApplicationContext bridge) {
        return bridge.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
