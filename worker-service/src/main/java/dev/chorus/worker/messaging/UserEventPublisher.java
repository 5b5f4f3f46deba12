package dev.chorus.worker.messaging;

import dev.chorus.contracts.events.UserEvent;
import dev.chorus.contracts.messaging.ChorusTopology;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Publishes voice-ready and voice-failed to the room-events exchange as {@code user.<userId>.<type>}. */
@Component
public class UserEventPublisher {

    private final RabbitTemplate rabbit;
    private final ChorusTopology topology;
    private final JsonMapper json;

    UserEventPublisher(RabbitTemplate rabbit, ChorusTopology topology, JsonMapper json) {
        this.rabbit = rabbit;
        this.topology = topology;
        this.json = json;
    }

    public void publish(UserEvent event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(topology.roomEventsExchangeName(), ChorusTopology.userRoutingKey(event.userId(), event.type()),
                new Message(json.writeValueAsBytes(event), properties));
    }
}
