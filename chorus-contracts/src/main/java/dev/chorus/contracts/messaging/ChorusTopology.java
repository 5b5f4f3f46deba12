package dev.chorus.contracts.messaging;

import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The RabbitMQ names every service agrees on, under one namespace (default {@code chorus}) so that
 * several installations, or test runs, can share a broker without hearing each other.
 *
 * <ul>
 *   <li>{@code <ns>.room-events}: topic exchange. Room events use routing key
 *       {@code room.<roomId>.<event-type>}; events for one user use {@code user.<userId>.<event-type>}.</li>
 *   <li>{@code <ns>.commands}: direct exchange; a command's routing key is its {@code type}, and its
 *       work queue is {@code <ns>.<type>}.</li>
 *   <li>{@code <ns>.commands.dlx}: where a work queue sends what it rejects; each work queue has
 *       a dead-letter queue {@code <ns>.<type>.dlq}.</li>
 * </ul>
 *
 * Declarations are idempotent, so every service declares the part it publishes to or consumes from.
 */
public record ChorusTopology(String namespace) {

    public static final String DEFAULT_NAMESPACE = "chorus";

    public ChorusTopology {
        if (namespace == null || namespace.isBlank() || namespace.contains(" ")) {
            throw new IllegalArgumentException("namespace must be a non-blank word, got '" + namespace + "'");
        }
    }

    public String roomEventsExchangeName() {
        return namespace + ".room-events";
    }

    public String commandsExchangeName() {
        return namespace + ".commands";
    }

    public String deadLetterExchangeName() {
        return namespace + ".commands.dlx";
    }

    public String commandQueueName(String commandType) {
        return namespace + "." + commandType;
    }

    public String deadLetterQueueName(String commandType) {
        return commandQueueName(commandType) + ".dlq";
    }

    public TopicExchange roomEventsExchange() {
        return new TopicExchange(roomEventsExchangeName(), true, false);
    }

    public DirectExchange commandsExchange() {
        return new DirectExchange(commandsExchangeName(), true, false);
    }

    public DirectExchange deadLetterExchange() {
        return new DirectExchange(deadLetterExchangeName(), true, false);
    }

    /** The exchanges every service publishes to. */
    public Declarables exchanges() {
        return new Declarables(roomEventsExchange(), commandsExchange(), deadLetterExchange());
    }

    /** Durable work queues for the given command types, each bound to its dead-letter queue. */
    public Declarables commandQueues(String... commandTypes) {
        List<Declarable> declarables = new ArrayList<>();
        for (String type : commandTypes) {
            Queue work = QueueBuilder.durable(commandQueueName(type))
                    .deadLetterExchange(deadLetterExchangeName())
                    .deadLetterRoutingKey(type)
                    .build();
            Queue dead = QueueBuilder.durable(deadLetterQueueName(type)).build();
            declarables.add(work);
            declarables.add(dead);
            declarables.add(BindingBuilder.bind(work).to(commandsExchange()).with(type));
            declarables.add(BindingBuilder.bind(dead).to(deadLetterExchange()).with(type));
        }
        return new Declarables(declarables);
    }

    public static String roomRoutingKey(String roomId, String eventType) {
        return "room." + roomId + "." + eventType;
    }

    /** Binding pattern for every event of one room. */
    public static String roomBindingPattern(String roomId) {
        return "room." + roomId + ".*";
    }

    public static String userRoutingKey(String userId, String eventType) {
        return "user." + userId + "." + eventType;
    }

    /** Binding pattern for every event addressed to one user. */
    public static String userBindingPattern(String userId) {
        return "user." + userId + ".*";
    }

    /** Binds a queue to every event of one room. */
    public Binding roomBinding(Queue queue, String roomId) {
        return BindingBuilder.bind(queue).to(roomEventsExchange()).with(roomBindingPattern(roomId));
    }

    /** Binds a queue to every event addressed to one user. */
    public Binding userBinding(Queue queue, String userId) {
        return BindingBuilder.bind(queue).to(roomEventsExchange()).with(userBindingPattern(userId));
    }
}
