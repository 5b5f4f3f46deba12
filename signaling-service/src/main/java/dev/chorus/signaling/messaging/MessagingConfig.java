package dev.chorus.signaling.messaging;

import dev.chorus.contracts.commands.PresenceLost;
import dev.chorus.contracts.commands.VoiceAnswer;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.signaling.NodeIdentity;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The RabbitMQ names this node uses, under {@code chorus.messaging.namespace}; RabbitAdmin declares them. */
@Configuration(proxyBeanMethods = false)
class MessagingConfig {

    /** The work queues of the commands this node publishes, so none is lost before its consumer first starts. */
    @Bean
    Declarables signalingCommandQueues(ChorusTopology topology) {
        return topology.commandQueues(PresenceLost.TYPE, VoiceAnswer.TYPE);
    }

    /**
     * This node's own queue of room and user events. Exclusive and auto-delete: it lives exactly as
     * long as this node's broker connection, so a node that dies leaves neither queue nor bindings.
     */
    @Bean
    Queue nodeEventQueue(ChorusTopology topology, NodeIdentity node) {
        return QueueBuilder.nonDurable(topology.namespace() + ".signaling." + node.id()).exclusive().autoDelete().build();
    }
}
