package dev.chorus.worker.command;

import static dev.chorus.worker.WorkerTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.events.Role;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.testsupport.ChorusServersInitializer;
import dev.chorus.voice.UserEventInbox;
import dev.chorus.worker.WorkerTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** With voice-service unreachable, a setup is retried with backoff, then the member is told and the command dead-lettered. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ChorusServersInitializer.class)
class RetriesIntegrationTest {

    @DynamicPropertySource
    static void unreachableVoiceService(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int port = closedPort;
        registry.add("chorus.worker.voice-service-url", () -> "http://127.0.0.1:" + port);
        registry.add("chorus.worker.max-attempts", () -> "3");
        registry.add("chorus.worker.initial-backoff", () -> "10ms");
    }

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    ChorusTopology topology;
    @Autowired
    MeterRegistry meters;

    @Test
    void exhaustedRetriesTellTheMemberAndDeadLetterTheCommand() {
        String user = UUID.randomUUID().toString();
        UserEventInbox inbox = new UserEventInbox(admin, rabbit, topology, user);
        VoiceSetup setup = new VoiceSetup(UUID.randomUUID().toString(), Instant.now(), "room-1", user, Role.SPEAKER, false, null, 1);

        WorkerTestSupport.send(rabbit, topology, setup);

        JsonNode failed = inbox.next();
        assertThat(failed.path("type").asString()).isEqualTo("voice-failed");
        assertThat(failed.path("reason").asString()).isEqualTo("retries-exhausted");
        Message dead = rabbit.receive(topology.deadLetterQueueName(VoiceSetup.TYPE), 60_000);
        assertThat(dead).isNotNull();
        assertThat(new String(dead.getBody())).contains(setup.commandId());
        assertThat(count(meters, "chorus.worker.retries", "type", "voice-setup")).isEqualTo(2);
        assertThat(count(meters, "chorus.worker.dead.letters", "type", "voice-setup")).isEqualTo(1);
    }
}
