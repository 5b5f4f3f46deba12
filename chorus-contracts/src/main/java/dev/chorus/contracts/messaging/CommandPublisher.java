package dev.chorus.contracts.messaging;

import dev.chorus.contracts.commands.Command;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a command (JSON with its {@code type}, persistent, message id = command id) to the
 * commands exchange, routed by type into the work queue of that name. signaling-service sends
 * {@code presence-lost} and {@code voice-answer}, worker-service {@code room-idle}.
 */
public final class CommandPublisher {

    private final AmqpTemplate amqp;
    private final ChorusTopology topology;
    private final JsonMapper json;

    public CommandPublisher(AmqpTemplate amqp, ChorusTopology topology, JsonMapper json) {
        this.amqp = amqp;
        this.topology = topology;
        this.json = json;
    }

    public void publish(Command command) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(command.commandId());
        amqp.send(topology.commandsExchangeName(), command.type(),
                new Message(json.writeValueAsBytes(command), properties));
    }
}
