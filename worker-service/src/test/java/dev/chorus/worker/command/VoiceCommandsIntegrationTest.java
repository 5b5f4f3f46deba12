package dev.chorus.worker.command;

import static dev.chorus.worker.WorkerTestSupport.count;
import static dev.chorus.worker.WorkerTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.contracts.commands.RoomIdle;
import dev.chorus.contracts.commands.VoiceAnswer;
import dev.chorus.contracts.commands.VoiceRoleChanged;
import dev.chorus.contracts.commands.VoiceRoomEnded;
import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.commands.VoiceTeardown;
import dev.chorus.contracts.events.Role;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.testsupport.ChorusServersInitializer;
import dev.chorus.testsupport.ChorusTestServers;
import dev.chorus.voice.UserEventInbox;
import dev.chorus.voice.VoiceServiceApplication;
import dev.chorus.voice.testbridge.ReplayBridge;
import dev.chorus.worker.WorkerTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * worker-service on real RabbitMQ, Redis and Mongo, calling a real voice-service (its own Spring
 * context on its own port) that drives a bridge answering as the captured Jitsi Videobridge.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ChorusServersInitializer.class)
class VoiceCommandsIntegrationTest {

    static final String TOKEN = "worker-test-token";
    static final ReplayBridge BRIDGE = new ReplayBridge();
    static ConfigurableApplicationContext voiceService;

    @DynamicPropertySource
    static void voiceService(DynamicPropertyRegistry registry) {
        String ns = "v" + UUID.randomUUID().toString().replace("-", "").substring(0, 11);
        voiceService = new SpringApplicationBuilder(VoiceServiceApplication.class).run(
                "--server.port=0",
                "--chorus.voice.service-token=" + TOKEN,
                "--chorus.voice.default-region=eu",
                "--chorus.voice.request-timeout=10s",
                "--chorus.voice.bridges[0].name=eu-1",
                "--chorus.voice.bridges[0].region=eu",
                "--chorus.voice.bridges[0].base-url=" + BRIDGE.baseUrl(),
                "--chorus.messaging.namespace=" + ns,
                "--chorus.redis.key-prefix=" + ns + ":",
                "--spring.data.redis.host=" + ChorusTestServers.redis().host(),
                "--spring.data.redis.port=" + ChorusTestServers.redis().port(),
                "--spring.rabbitmq.host=" + ChorusTestServers.rabbit().host(),
                "--spring.rabbitmq.port=" + ChorusTestServers.rabbit().port());
        String port = voiceService.getEnvironment().getProperty("local.server.port");
        registry.add("chorus.worker.voice-service-url", () -> "http://127.0.0.1:" + port);
        registry.add("chorus.worker.service-token", () -> TOKEN);
        registry.add("chorus.worker.initial-backoff", () -> "20ms");
        registry.add("chorus.worker.empty-room-timeout", () -> "1s");
        registry.add("chorus.worker.cleanup-interval", () -> "100ms");
    }

    @AfterAll
    static void stop() {
        voiceService.close();
        BRIDGE.stop();
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    ChorusTopology topology;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    @Test
    void setupPublishesVoiceReadyAndADuplicatedCommandAllocatesOneEndpoint() {
        String room = id();
        String user = id();
        UserEventInbox inbox = new UserEventInbox(admin, rabbit, topology, user);
        int endpoints = BRIDGE.endpointCount();
        double before = count(meters, "chorus.worker.commands", "type", "voice-setup");
        VoiceSetup setup = new VoiceSetup(id(), Instant.now(), room, user, Role.LISTENER, false, "eu", 3);

        send(rabbit, topology, setup);
        send(rabbit, topology, setup);
        send(rabbit, topology, new VoiceSetup(id(), Instant.now(), room, user, Role.LISTENER, false, "eu", 3));

        JsonNode ready = inbox.next();
        assertThat(ready.path("type").asString()).isEqualTo("voice-ready");
        assertThat(ready.path("roomId").asString()).isEqualTo(room);
        assertThat(ready.path("session").path("canSend").asBoolean()).isFalse();
        assertThat(ready.path("session").path("sdpOffer").asString()).contains("a=ice-lite");
        await().atMost(Duration.ofSeconds(60)).until(() -> count(meters, "chorus.worker.commands", "type", "voice-setup") >= before + 3);
        assertThat(BRIDGE.endpointCount()).isEqualTo(endpoints + 1);
        assertThat(meters.find("chorus.worker.join.to.voice.ready").timer().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anOlderCommandDoesNotUndoANewerState() {
        String room = id();
        String user = id();
        int endpoints = BRIDGE.endpointCount();

        double teardowns = count(meters, "chorus.worker.commands", "type", "voice-teardown");
        send(rabbit, topology, new VoiceTeardown(id(), Instant.now(), room, user, 10));
        await().atMost(Duration.ofSeconds(60)).until(() -> count(meters, "chorus.worker.commands", "type", "voice-teardown") > teardowns);
        double stale = count(meters, "chorus.worker.commands", "outcome", "stale");
        send(rabbit, topology, new VoiceSetup(id(), Instant.now(), room, user, Role.SPEAKER, false, null, 5));

        await().atMost(Duration.ofSeconds(60)).until(() -> count(meters, "chorus.worker.commands", "outcome", "stale") > stale);
        assertThat(BRIDGE.endpointCount()).isEqualTo(endpoints);
    }

    @Test
    void aSetupFromBeforeTheRoomEndedIsStale() {
        String room = id();
        int endpoints = BRIDGE.endpointCount();
        double ended = count(meters, "chorus.worker.commands", "type", "voice-room-ended");
        send(rabbit, topology, new VoiceRoomEnded(id(), Instant.now(), room, 9));
        await().atMost(Duration.ofSeconds(60)).until(() -> count(meters, "chorus.worker.commands", "type", "voice-room-ended") > ended);
        double stale = count(meters, "chorus.worker.commands", "outcome", "stale");

        send(rabbit, topology, new VoiceSetup(id(), Instant.now(), room, id(), Role.SPEAKER, false, null, 5));

        await().atMost(Duration.ofSeconds(60)).until(() -> count(meters, "chorus.worker.commands", "outcome", "stale") > stale);
        assertThat(BRIDGE.endpointCount()).isEqualTo(endpoints);
    }

    @Test
    void promotionSendsANewSessionAndLiftsForceMute() {
        String room = id();
        String user = id();
        UserEventInbox inbox = new UserEventInbox(admin, rabbit, topology, user);
        send(rabbit, topology, new VoiceSetup(id(), Instant.now(), room, user, Role.LISTENER, false, null, 2));
        String endpoint = inbox.next().path("session").path("sessionId").asString();

        send(rabbit, topology, new VoiceRoleChanged(id(), Instant.now(), room, user, Role.SPEAKER, false, 4));

        JsonNode ready = inbox.next();
        assertThat(ready.path("type").asString()).isEqualTo("voice-ready");
        assertThat(ready.path("session").path("canSend").asBoolean()).isTrue();
        assertThat(ready.path("session").path("sessionId").asString()).isEqualTo(endpoint);
        assertThat(BRIDGE.requests()).filteredOn(r -> r.body() != null).anySatisfy(r -> {
            assertThat(r.body().path("endpoints").path(0).path("id").asString()).isEqualTo(endpoint);
            assertThat(r.body().path("endpoints").path(0).path("force-mute").path("audio").asBoolean(true)).isFalse();
        });
    }

    @Test
    void aRoleChangeThatOvertakesTheSetupSetsTheSessionUpOnce() {
        String room = id();
        String user = id();
        UserEventInbox inbox = new UserEventInbox(admin, rabbit, topology, user);
        int endpoints = BRIDGE.endpointCount();
        double stale = count(meters, "chorus.worker.commands", "outcome", "stale");

        send(rabbit, topology, new VoiceRoleChanged(id(), Instant.now(), room, user, Role.SPEAKER, false, 3));
        JsonNode ready = inbox.next();
        send(rabbit, topology, new VoiceSetup(id(), Instant.now(), room, user, Role.LISTENER, false, null, 2));

        assertThat(ready.path("type").asString()).isEqualTo("voice-ready");
        assertThat(ready.path("session").path("canSend").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> count(meters, "chorus.worker.commands", "outcome", "stale") > stale);
        assertThat(BRIDGE.endpointCount()).isEqualTo(endpoints + 1);
    }

    @Test
    void anAnswerTheBridgeCannotUseTellsTheMember() {
        String room = id();
        String user = id();
        UserEventInbox inbox = new UserEventInbox(admin, rabbit, topology, user);
        send(rabbit, topology, new VoiceSetup(id(), Instant.now(), room, user, Role.SPEAKER, false, null, 2));
        String session = inbox.next().path("session").path("sessionId").asString();

        send(rabbit, topology, new VoiceAnswer(id(), Instant.now(), room, user, session, "not sdp"));

        JsonNode failed = inbox.next();
        assertThat(failed.path("type").asString()).isEqualTo("voice-failed");
        assertThat(failed.path("reason").asString()).isEqualTo("rejected");
        assertThat(failed.path("message").asString()).contains("invalid-sdp");
    }

    @Test
    void aPoisonedCommandEndsInTheDeadLetterQueueAndTheMetrics() {
        String dlq = topology.deadLetterQueueName(VoiceSetup.TYPE);
        WorkerTestSupport.sendRaw(rabbit, topology.commandsExchangeName(), VoiceSetup.TYPE,
                "{\"type\":\"voice-setup\",\"roomId\":".getBytes());

        Message dead = rabbit.receive(dlq, 60_000);

        assertThat(dead).isNotNull();
        assertThat(new String(dead.getBody())).startsWith("{\"type\":\"voice-setup\"");
        String prometheus = RestClient.create().get().uri("http://127.0.0.1:" + port + "/actuator/prometheus")
                .retrieve().body(String.class);
        assertThat(prometheus).containsPattern("chorus_worker_dead_letters_total\\{[^}]*type=\"voice-setup\"[^}]*\\} [1-9]");
    }

    @Test
    void anEndedRoomHasItsConferenceExpired() {
        String ended = id();
        String host = id();
        UserEventInbox inbox = new UserEventInbox(admin, rabbit, topology, host);
        send(rabbit, topology, new VoiceSetup(id(), Instant.now(), ended, host, Role.HOST, false, null, 2));
        inbox.next();
        int conferences = BRIDGE.conferenceCount();

        send(rabbit, topology, new VoiceRoomEnded(id(), Instant.now(), ended, 9));
        await().atMost(Duration.ofSeconds(60)).until(() -> BRIDGE.conferenceCount() == conferences - 1);
    }

    @Test
    void aRoomLeftEmptyIsReportedIdleOnceAndARoomJoinedAgainIsNot() {
        String empty = id();
        String rejoined = id();
        String reordered = id();
        String host = id();
        String at = Instant.now().toString();
        memberEvent(empty, "member-joined", host, 2, at);
        memberEvent(rejoined, "member-joined", host, 2, at);
        memberEvent(empty, "member-left", host, 3, at);
        memberEvent(rejoined, "member-left", host, 3, at);
        memberEvent(rejoined, "member-joined", host, 4, at);
        // Delivered out of order (as with several workers on the queue): the rejoin (4) wins over the leave (3).
        memberEvent(reordered, "member-joined", host, 2, at);
        memberEvent(reordered, "member-joined", host, 4, at);
        memberEvent(reordered, "member-left", host, 3, at);

        String queue = topology.commandQueueName(RoomIdle.TYPE);
        List<JsonNode> idle = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Message message = rabbit.receive(queue, 200);
            if (message != null) {
                idle.add(WorkerTestSupport.read(message.getBody()));
            }
            return idle.stream().anyMatch(command -> command.path("roomId").asString().equals(empty));
        });
        // Several cleanup rounds later, neither a second report of the same room nor one of the rejoined room.
        long deadline = System.currentTimeMillis() + 1_500;
        while (System.currentTimeMillis() < deadline) {
            Message message = rabbit.receive(queue, 100);
            if (message != null) {
                idle.add(WorkerTestSupport.read(message.getBody()));
            }
        }
        List<JsonNode> ours = idle.stream()
                .filter(command -> List.of(empty, rejoined, reordered).contains(command.path("roomId").asString()))
                .toList();
        assertThat(ours).hasSize(1);
        JsonNode command = ours.get(0);
        assertThat(command.path("type").asString()).isEqualTo("room-idle");
        assertThat(command.path("roomId").asString()).isEqualTo(empty);
        assertThat(Instant.parse(command.path("emptySince").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(command.path("commandId").asString()).isNotBlank();
    }

    private void memberEvent(String roomId, String type, String userId, long seq, String at) {
        String body = type.equals("member-joined")
                ? "{\"type\":\"member-joined\",\"roomId\":\"" + roomId + "\",\"seq\":" + seq + ",\"at\":\"" + at
                        + "\",\"actorId\":\"" + userId + "\",\"userId\":\"" + userId + "\",\"displayName\":\"H\",\"role\":\"host\"}"
                : "{\"type\":\"member-left\",\"roomId\":\"" + roomId + "\",\"seq\":" + seq + ",\"at\":\"" + at
                        + "\",\"actorId\":\"" + userId + "\",\"userId\":\"" + userId + "\",\"reason\":\"left\"}";
        WorkerTestSupport.sendRaw(rabbit, topology.roomEventsExchangeName(), ChorusTopology.roomRoutingKey(roomId, type),
                body.getBytes());
    }

    private static String id() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
