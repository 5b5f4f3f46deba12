package dev.chorus.signaling.messaging;

import dev.chorus.contracts.commands.Command;
import dev.chorus.contracts.messaging.ChorusTopology;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Publishes commands (JSON with their {@code type}) to the commands exchange, routed by type. */
@Component
public class CommandPublisher {

    private final RabbitTemplate rabbit;
    private final ChorusTopology topology;
    private final JsonMapper json;

    CommandPublisher(RabbitTemplate rabbit, ChorusTopology topology, JsonMapper json) {
        this.rabbit = rabbit;
        this.topology = topology;
        this.json = json;
    }

    public void publish(Command command) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(command.commandId());
        rabbit.send(topology.commandsExchangeName(), command.type(),
                new Message(json.writeValueAsBytes(command), properties));
    }
}
