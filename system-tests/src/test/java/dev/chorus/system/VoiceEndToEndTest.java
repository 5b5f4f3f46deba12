package dev.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.signaling.support.RoomApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The voice path end to end, on real servers: room-service, signaling-service, worker-service,
 * voice-service and media-sfu bridges in two regions ({@code eu-1}, {@code eu-2}, {@code us-1}),
 * each its own Spring context, driven as browsers drive them: accounts and rooms over room-service's
 * REST API, voice sessions over the signaling socket, audio between synthetic WebRTC peers through
 * the bridges and the relays between them (ICE, DTLS-SRTP, Opus-sized RTP with audio levels).
 *
 * <p>Each test has its own room and people. The last one kills bridges, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VoiceEndToEndTest {

    /** Packets (20 ms each) that must arrive before a member counts as heard: two seconds of talk. */
    private static final int HEARD = 100;
    /** Packets a force-muted sender must have had dropped at the bridge before silence counts. */
    private static final int DROPPED = 50;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Installation chorus;
    static PeerRuntime peers;
    static RoomApi api;
    final List<Member> members = new ArrayList<>();
    final Map<String, Member> rooms = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        chorus = new Installation("eu", List.of(
                new Installation.Bridge("eu-1", "eu"),
                new Installation.Bridge("eu-2", "eu"),
                new Installation.Bridge("us-1", "us")));
        peers = PeerRuntime.start();
        api = new RoomApi(chorus.roomServicePort());
    }

    @AfterAll
    static void stop() {
        if (peers != null) {
            peers.close();
        }
        if (chorus != null) {
            chorus.close();
        }
    }

    /**
     * Ends the test's rooms and waits until the bridges still running hold no conference, so that the
     * next test starts on empty bridges and every test proves its own rooms' cleanup.
     */
    @AfterEach
    void endRooms() {
        try {
            rooms.forEach((room, host) -> api.endRoom(host.user(), room));
            await().atMost(Member.VOICE_WAIT).until(() -> chorus.runningBridges().stream()
                    .allMatch(bridge -> bridgeStats(bridge).path("conferences").asInt() == 0));
        } finally {
            members.forEach(Member::close);
        }
    }

    @Test
    @Order(1)
    void aSpeakerIsHeardInTheirRegionAndAcrossRegions() {
        Member host = member("Host");
        String room = createRoom(host);
        JsonNode hostSession = host.awaitSession("the host's session", s -> true);
        assertThat(hostSession.path("region").asString()).isEqualTo("eu");
        assertThat(hostSession.path("canSend").asBoolean()).isTrue();
        host.awaitConnected();
        host.speak();

        Member listener = join(member("Listener"), room, "eu");
        JsonNode listenerSession = listener.awaitSession("the listener's session", s -> true);
        assertThat(listenerSession.path("canSend").asBoolean()).isFalse();
        assertThat(listenerSession.path("bridge").asString()).isEqualTo(hostSession.path("bridge").asString());
        listener.awaitConnected();

        // A member in the other region is placed on that region's bridge, and hears the host
        // through the relay between the room's two bridges.
        Member overseas = join(member("Overseas"), room, "us");
        JsonNode overseasSession = overseas.awaitSession("the overseas member's session", s -> true);
        assertThat(overseasSession.path("region").asString()).isEqualTo("us");
        assertThat(overseasSession.path("bridge").asString()).isEqualTo("us-1");
        overseas.awaitConnected();

        assertHears(listener, host);
        assertHears(overseas, host);
    }

    @Test
    @Order(2)
    void aListenerIsHeardOnlyWhileOnStage() {
        Member host = member("Host");
        String room = createRoom(host);
        host.awaitSession("the host's session", s -> true);
        host.awaitConnected();
        host.speak();
        Member guest = join(member("Guest"), room, "eu");
        JsonNode listening = guest.awaitSession("a listener's session", s -> true);
        guest.awaitConnected();
        String bridge = listening.path("bridge").asString();

        // A listener's client that sends anyway is force-muted at the bridge: nobody hears it.
        long dropped = forceMuteDrops(bridge);
        guest.speak();
        await().atMost(Member.VOICE_WAIT).until(() -> forceMuteDrops(bridge) >= dropped + DROPPED);
        assertThat(host.peer().received(guest.peer().ssrc())).as("the listener's audio at the host").isEmpty();
        assertHears(guest, host);

        api.raiseHand(guest.user(), room);
        api.inviteToSpeak(host.user(), room, guest.user());
        api.acceptInvitation(guest.user(), room);
        JsonNode speaking = guest.awaitSession("the session on stage", s -> s.path("canSend").asBoolean());
        assertThat(speaking.path("sessionId").asString()).isEqualTo(listening.path("sessionId").asString());
        assertHears(host, guest);
        assertHears(guest, host);

        api.moveToAudience(host.user(), room, guest.user());
        guest.awaitSession("the session back in the audience", s -> !s.path("canSend").asBoolean());
        long demoted = forceMuteDrops(bridge);
        await().atMost(Member.VOICE_WAIT).until(() -> forceMuteDrops(bridge) >= demoted + DROPPED);
        long heard = packetsFrom(host, guest);
        await().atMost(Member.VOICE_WAIT).until(() -> forceMuteDrops(bridge) >= demoted + 2 * DROPPED);
        assertThat(packetsFrom(host, guest)).as("the demoted member's packets at the host").isEqualTo(heard);
    }

    @Test
    @Order(3)
    void theSameSetupCommandTwiceAllocatesOneEndpoint() {
        RabbitTemplate rabbit = chorus.worker().getBean(RabbitTemplate.class);
        RabbitAdmin admin = chorus.worker().getBean(RabbitAdmin.class);
        ChorusTopology topology = chorus.worker().getBean(ChorusTopology.class);
        // Not auto-delete: each receive below is a consumer of its own, cancelled after one message.
        Queue copies = new Queue(chorus.namespace() + ".system-test.voice-setup-copies", false, true, false);
        admin.declareQueue(copies);
        admin.declareBinding(BindingBuilder.bind(copies).to(topology.commandsExchange()).with(VoiceSetup.TYPE));
        double setups = setupCommandsHandled();
        Member host = member("Host");
        String room = createRoom(host);
        host.awaitSession("the host's session", s -> true);
        int endpoints = endpointsOnAllBridges();

        Member guest = join(member("Guest"), room, "eu");
        Message sent = null;
        for (int seen = 0; seen < 2; seen++) { // the host's setup, then the guest's
            sent = rabbit.receive(copies.getName(), Member.VOICE_WAIT.toMillis());
            assertThat(sent).as("a voice-setup sent by room-service").isNotNull();
        }
        assertThat(JSON.readTree(sent.getBody()).path("userId").asString()).isEqualTo(guest.user().id());
        rabbit.send(topology.commandsExchangeName(), VoiceSetup.TYPE, sent);

        guest.awaitSession("the guest's session", s -> true);
        // The host's setup, the guest's, and the guest's again: all three taken by the worker.
        await().atMost(Member.VOICE_WAIT).until(() -> setupCommandsHandled() >= setups + 3);
        assertThat(endpointsOnAllBridges()).isEqualTo(endpoints + 1);
        admin.deleteQueue(copies.getName());
    }

    @Test
    @Order(4)
    void aPoisonedCommandEndsInTheDeadLetterQueueAndTheMetrics() {
        RabbitTemplate rabbit = chorus.worker().getBean(RabbitTemplate.class);
        ChorusTopology topology = chorus.worker().getBean(ChorusTopology.class);
        double before = deadLetters(VoiceSetup.TYPE);
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);

        rabbit.send(topology.commandsExchangeName(), VoiceSetup.TYPE,
                new Message("{\"type\":\"voice-setup\",\"roomId\":".getBytes(), properties));

        Message dead = rabbit.receive(topology.deadLetterQueueName(VoiceSetup.TYPE), Member.VOICE_WAIT.toMillis());
        assertThat(dead).as("the poisoned command in " + topology.deadLetterQueueName(VoiceSetup.TYPE)).isNotNull();
        assertThat(new String(dead.getBody())).isEqualTo("{\"type\":\"voice-setup\",\"roomId\":");
        await().atMost(Member.VOICE_WAIT).until(() -> deadLetters(VoiceSetup.TYPE) >= before + 1);
    }

    /**
     * Two rooms spanning the same two bridges at once: with eu-2 drained both rooms' eu conferences
     * are on eu-1, so each room has its own pair of relays between eu-1 and us-1, and each carries
     * its own room's speaker only.
     */
    @Test
    @Order(5)
    void twoRoomsSpanningTheSameTwoBridgesAreEachHeardAcrossRegionsAndNoFurther() {
        drain("eu-2", true);
        try {
            Member firstHost = member("FirstHost");
            String first = createRoom(firstHost);
            Member secondHost = member("SecondHost");
            String second = createRoom(secondHost);
            assertThat(firstHost.awaitSession("the first host's session", s -> true).path("bridge").asString())
                    .isEqualTo("eu-1");
            assertThat(secondHost.awaitSession("the second host's session", s -> true).path("bridge").asString())
                    .isEqualTo("eu-1");
            firstHost.awaitConnected();
            firstHost.speak();
            secondHost.awaitConnected();
            secondHost.speak();

            Member firstOverseas = join(member("FirstOverseas"), first, "us");
            Member secondOverseas = join(member("SecondOverseas"), second, "us");
            for (Member overseas : List.of(firstOverseas, secondOverseas)) {
                assertThat(overseas.awaitSession("an overseas member's session", s -> true).path("bridge").asString())
                        .isEqualTo("us-1");
                overseas.awaitConnected();
            }

            assertHears(firstOverseas, firstHost);
            assertHears(secondOverseas, secondHost);
            assertThat(packetsFrom(firstOverseas, secondHost)).as("the other room's speaker").isZero();
            assertThat(packetsFrom(secondOverseas, firstHost)).as("the other room's speaker").isZero();
            assertThat(bridgeStats("eu-1").path("octo_conferences").asInt()).isEqualTo(2);
            assertThat(bridgeStats("us-1").path("octo_conferences").asInt()).isEqualTo(2);
        } finally {
            drain("eu-2", false);
        }
    }

    /** Kills bridges: last. */
    @Test
    @Order(6)
    void aKilledBridgesMembersAreMovedAndToldAndTheirAudioFlowsAgain() {
        Member host = member("Host");
        String room = createRoom(host);
        JsonNode before = host.awaitSession("the host's session", s -> true);
        host.awaitConnected();
        host.speak();
        Member listener = join(member("Listener"), room, "eu");
        listener.awaitSession("the listener's session", s -> true);
        listener.awaitConnected();
        Member overseas = join(member("Overseas"), room, "us");
        overseas.awaitSession("the overseas member's session", s -> true);
        overseas.awaitConnected();
        assertHears(listener, host);
        assertHears(overseas, host);
        String lost = before.path("bridge").asString();
        String other = lost.equals("eu-1") ? "eu-2" : "eu-1";

        chorus.killBridge(lost);

        JsonNode moved = host.awaitSession("the host's session on " + other,
                s -> !s.path("sessionId").asString().equals(before.path("sessionId").asString()));
        assertThat(moved.path("bridge").asString()).isEqualTo(other);
        assertThat(listener.awaitSession("the listener's session on " + other,
                s -> s.path("bridge").asString().equals(other))).isNotNull();
        host.awaitConnected();
        listener.awaitConnected();
        host.speak();
        assertHears(listener, host);
        assertHears(overseas, host);

        chorus.killBridge("us-1");

        JsonNode failed = overseas.awaitVoiceFailed();
        assertThat(failed.path("reason").asString()).isEqualTo("no-bridge");
    }

    // --- people and rooms ---

    private Member member(String name) {
        Member member = Member.signUp(api, chorus.signalingPort(), peers, name);
        members.add(member);
        return member;
    }

    /** The host's room: creating it joins the host (default region), who then follows it. */
    private String createRoom(Member host) {
        String room = api.createRoom(host.user(), "Voice check");
        rooms.put(room, host);
        host.subscribe(room);
        return room;
    }

    private static Member join(Member member, String room, String region) {
        api.join(member.user(), room, region);
        member.subscribe(room);
        return member;
    }

    // --- what is heard ---

    /**
     * At least {@link #HEARD} more packets of the speaker's stream reach the listener, each carrying
     * exactly the payload the speaker sent in it, in sequence order; a lost datagram is tolerated
     * (loopback UDP on a loaded machine), reordering beyond a few is not.
     */
    private static void assertHears(Member listener, Member speaker) {
        int ssrc = speaker.peer().ssrc();
        long before = packetsFrom(listener, speaker);
        await().atMost(Member.VOICE_WAIT).until(() -> packetsFrom(listener, speaker) >= before + HEARD);
        ReceivedStream stream = listener.peer().received(ssrc).orElseThrow();
        assertThat(stream.payloadMismatches()).as("packets not carrying what the speaker sent").isZero();
        assertThat(stream.discontinuities()).as("gaps and reorderings in " + stream).isLessThanOrEqualTo(stream.packets() / 20 + 2);
        assertThat(stream.lastAudioLevel()).as("the speaker's audio level").isEqualTo(20);
        assertThat(listener.peer().stats().srtpRejected()).as("SRTP/SRTCP packets the listener rejected").isZero();
    }

    private static long packetsFrom(Member listener, Member speaker) {
        return listener.peer().received(speaker.peer().ssrc()).map(ReceivedStream::packets).orElse(0L);
    }

    // --- what the bridges and the worker say ---

    /** Puts a bridge in or out of drain mode and waits until voice-service has seen it. */
    private static void drain(String bridge, boolean on) {
        URI drain = chorus.bridgeUrl(bridge).resolve("/colibri/drain/" + (on ? "enable" : "disable"));
        HttpRequest request = HttpRequest.newBuilder(drain).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + Installation.BRIDGE_API_TOKEN).build();
        try {
            assertThat(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).as("POST " + drain)
                    .isEqualTo(200);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + drain, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        await().atMost(Member.VOICE_WAIT).until(() -> {
            JsonNode fleet = JSON.readTree(get(chorus.voiceUrl().resolve("/internal/v1/bridges"),
                    Installation.SERVICE_TOKEN));
            for (JsonNode state : fleet) {
                if (state.path("name").asString().equals(bridge)) {
                    return state.path("draining").asBoolean() == on;
                }
            }
            return false;
        });
    }

    private static long forceMuteDrops(String bridge) {
        return bridgeStats(bridge).path("packet_path").path("force-mute").path("dropped").asLong();
    }

    private static int endpointsOnAllBridges() {
        return bridgeStats("eu-1").path("endpoints").asInt() + bridgeStats("eu-2").path("endpoints").asInt()
                + bridgeStats("us-1").path("endpoints").asInt();
    }

    private static JsonNode bridgeStats(String bridge) {
        return JSON.readTree(get(chorus.bridgeUrl(bridge).resolve("/colibri/stats"), Installation.BRIDGE_API_TOKEN));
    }

    private static double setupCommandsHandled() {
        return chorus.worker().getBean(MeterRegistry.class).find("chorus.worker.commands").tag("type", VoiceSetup.TYPE)
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    /** {@code chorus_worker_dead_letters_total} of a command type, as Prometheus scrapes it. */
    private static double deadLetters(String type) {
        String metrics = get(chorus.workerUrl().resolve("/actuator/prometheus"), null);
        Matcher sample = Pattern.compile("(?m)^chorus_worker_dead_letters_total\\{[^}]*type=\"" + Pattern.quote(type)
                + "\"[^}]*} (\\S+)$").matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    private static String get(URI uri, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
