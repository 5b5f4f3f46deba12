package dev.chorus.voice;

import dev.chorus.contracts.messaging.ChorusTopology;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A queue on the room-events exchange receiving every user event of one user, as a signaling node would. */
public final class UserEventInbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate rabbit;
    private final Queue queue;

    public UserEventInbox(AmqpAdmin admin, RabbitTemplate rabbit, ChorusTopology topology, String userId) {
        this.rabbit = rabbit;
        // Not exclusive: the template may read on another connection than the admin declared on. The broker
        // deletes it a minute after its last use.
        this.queue = QueueBuilder.nonDurable(topology.namespace() + ".test-inbox." + java.util.UUID.randomUUID()).expires(60_000).build();
        TopicExchange exchange = topology.roomEventsExchange();
        admin.declareExchange(exchange);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(ChorusTopology.userBindingPattern(userId)));
    }

    /** The next event, waiting up to thirty seconds; null if none came. */
    public JsonNode next() {
        Message message = rabbit.receive(queue.getName(), 30_000);
        return message == null ? null : JSON.readTree(message.getBody());
    }
}
