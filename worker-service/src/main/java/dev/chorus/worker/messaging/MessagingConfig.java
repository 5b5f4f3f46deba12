package dev.chorus.worker.messaging;

import dev.chorus.contracts.commands.VoiceAnswer;
import dev.chorus.contracts.commands.VoiceRoleChanged;
import dev.chorus.contracts.commands.VoiceRoomEnded;
import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.commands.VoiceTeardown;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.contracts.messaging.UserEventPublisher;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The queues worker-service consumes, under {@code chorus.messaging.namespace}; RabbitAdmin declares them. */
@Configuration(proxyBeanMethods = false)
public class MessagingConfig {

    /** The command types worker-service consumes. */
    public static final String[] COMMAND_TYPES = {
        VoiceSetup.TYPE, VoiceTeardown.TYPE, VoiceRoleChanged.TYPE, VoiceRoomEnded.TYPE, VoiceAnswer.TYPE,
    };

    @Bean
    ChorusTopology chorusTopology(
            @Value("${chorus.messaging.namespace:" + ChorusTopology.DEFAULT_NAMESPACE + "}") String namespace) {
        return new ChorusTopology(namespace);
    }

    @Bean
    Declarables workerExchanges(ChorusTopology topology) {
        return topology.exchanges();
    }

    @Bean
    Declarables workerCommandQueues(ChorusTopology topology) {
        return topology.commandQueues(COMMAND_TYPES);
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

    @Bean
    UserEventPublisher userEventPublisher(RabbitTemplate rabbit, ChorusTopology topology, JsonMapper json) {
        return new UserEventPublisher(rabbit, topology, json);
    }
}
