package dev.chorus.contracts.messaging;

import dev.chorus.contracts.events.UserEvent;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes an event for one user ({@code voice-ready}, {@code voice-failed}) to the room-events
 * exchange with routing key {@code user.<userId>.<type>}, where only the signaling node holding that
 * user's socket is bound. worker-service publishes them for the sessions it prepares, voice-service
 * for the sessions it changes on its own (failover, refreshed offers).
 */
public final class UserEventPublisher {

    private final AmqpTemplate amqp;
    private final ChorusTopology topology;
    private final JsonMapper json;

    public UserEventPublisher(AmqpTemplate amqp, ChorusTopology topology, JsonMapper json) {
        this.amqp = amqp;
        this.topology = topology;
        this.json = json;
    }

    public void publish(UserEvent event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        amqp.send(topology.roomEventsExchangeName(), ChorusTopology.userRoutingKey(event.userId(), event.type()),
                new Message(json.writeValueAsBytes(event), properties));
    }
}
