package dev.chorus.room.messaging;

import dev.chorus.contracts.commands.Command;
import dev.chorus.contracts.events.RoomEvent;
import dev.chorus.contracts.messaging.ChorusTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes what a room change produced: its events to the room-events exchange, then its commands.
 * Callers publish while holding the room's {@link RoomLocks lock}, so one room's events leave this
 * node in sequence order.
 *
 * <p>The broker's publisher confirms arrive asynchronously: a message it refuses, or one that cannot
 * be handed over at all, is logged with its room and seq and counted in
 * {@code chorus.room.publish.failures}. The change itself stays (Redis is the truth); subscribers that
 * then see a gap in the sequence ask for a snapshot. Waiting for each confirm instead would hold the
 * room's lock for a disk flush of the broker per change, which measured at about a tenth of the
 * throughput, for the same outcome.
 */
@Component
public class RoomMessaging {

    private static final Logger log = LoggerFactory.getLogger(RoomMessaging.class);

    private final RabbitTemplate rabbit;
    private final ChorusTopology topology;
    private final Counter failures;
    private final boolean confirms;

    RoomMessaging(RabbitTemplate rabbit, ChorusTopology topology, MeterRegistry meters) {
        this.rabbit = rabbit;
        this.topology = topology;
        this.failures = Counter.builder("chorus.room.publish.failures")
                .description("Room events or commands that could not be handed to RabbitMQ").register(meters);
        // Confirms need spring.rabbitmq.publisher-confirm-type=correlated (application.yml sets it). Where an
        // embedding application configures RabbitMQ otherwise, publish without them rather than fail.
        this.confirms = rabbit.getConnectionFactory().isPublisherConfirms();
        if (confirms) {
            rabbit.setConfirmCallback((correlation, ack, cause) -> {
                if (!ack) {
                    failures.increment();
                    log.error("RabbitMQ refused {}: {}", correlation == null ? "a message" : correlation.getId(), cause);
                }
            });
        } else {
            log.warn("RabbitMQ publisher confirms are off: refused room events will go unnoticed");
        }
    }

    public void publish(List<? extends RoomEvent> events, List<? extends Command> commands) {
        for (RoomEvent event : events) {
            send(topology.roomEventsExchangeName(), ChorusTopology.roomRoutingKey(event.roomId(), event.type()), event,
                    event.type() + " #" + event.seq() + " of room " + event.roomId());
        }
        for (Command command : commands) {
            send(topology.commandsExchangeName(), command.type(), command, command.type() + " " + command.commandId());
        }
    }

    private void send(String exchange, String routingKey, Object payload, String what) {
        try {
            rabbit.convertAndSend(exchange, routingKey, payload, confirms ? new CorrelationData(what) : null);
        } catch (AmqpException e) {
            failures.increment();
            log.error("Could not publish {}: {}", what, e.getMessage());
        }
    }
}
