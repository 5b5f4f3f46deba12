package dev.chorus.worker.messaging;

import dev.chorus.contracts.commands.RoomIdle;
import dev.chorus.contracts.commands.VoiceAnswer;
import dev.chorus.contracts.commands.VoiceRoleChanged;
import dev.chorus.contracts.commands.VoiceRoomEnded;
import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.commands.VoiceTeardown;
import dev.chorus.contracts.messaging.ChorusTopology;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queues worker-service consumes, under {@code chorus.messaging.namespace}; RabbitAdmin declares them. */
@Configuration(proxyBeanMethods = false)
public class MessagingConfig {

    /** The command types worker-service consumes. */
    public static final String[] COMMAND_TYPES = {
        VoiceSetup.TYPE, VoiceTeardown.TYPE, VoiceRoleChanged.TYPE, VoiceRoomEnded.TYPE, VoiceAnswer.TYPE,
    };

    @Bean
    Declarables workerCommandQueues(ChorusTopology topology) {
        return topology.commandQueues(COMMAND_TYPES);
    }

    /** The work queue of {@code room-idle}, which room-service consumes, so none is lost before it first starts. */
    @Bean
    Declarables roomIdleQueue(ChorusTopology topology) {
        return topology.commandQueues(RoomIdle.TYPE);
    }

    /** One durable queue shared by all workers: every room event, appended once to the event log. */
    @Bean
    Queue eventLogQueue(ChorusTopology topology) {
        return QueueBuilder.durable(topology.namespace() + ".worker.event-log").build();
    }

    @Bean
    Declarables eventLogBinding(ChorusTopology topology, Queue eventLogQueue) {
        return new Declarables(BindingBuilder.bind(eventLogQueue).to(topology.roomEventsExchange()).with("room.*.*"));
    }
}
