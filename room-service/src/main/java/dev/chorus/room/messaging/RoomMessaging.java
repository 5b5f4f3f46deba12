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
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes what a room change produced: its events to the room-events exchange, then its commands,
 * on one channel, and waits for the broker's publisher confirms of the whole batch. Callers publish
 * while holding the room's {@link RoomLocks lock}, so one room's events leave this node in sequence
 * order. A batch that is refused or not confirmed in time is logged and counted; the change itself
 * stays (Redis is the truth and the change was already answered to nobody else's harm), and
 * subscribers that then see a gap in the sequence ask for a snapshot.
 */
@Component
public class RoomMessaging {

    private static final Logger log = LoggerFactory.getLogger(RoomMessaging.class);

    /** Long enough for a loaded broker, short enough not to hold a room's lock for long. */
    private static final long CONFIRM_TIMEOUT_MS = 5_000;

    private final RabbitTemplate rabbit;
    private final ChorusTopology topology;
    private final Counter failures;
    private final boolean confirms;

    RoomMessaging(RabbitTemplate rabbit, ChorusTopology topology, MeterRegistry meters) {
        this.rabbit = rabbit;
        this.topology = topology;
        // Confirms need spring.rabbitmq.publisher-confirm-type=simple (application.yml sets it). Where an
        // embedding application configures RabbitMQ otherwise, publish without waiting rather than fail.
        this.confirms = rabbit.getConnectionFactory().isSimplePublisherConfirms();
        if (!confirms) {
            log.warn("RabbitMQ publisher confirms are off: room events are published without waiting for the broker");
        }
        this.failures = Counter.builder("chorus.room.publish.failures")
                .description("Room events or commands that could not be handed to RabbitMQ").register(meters);
    }

    public void publish(List<? extends RoomEvent> events, List<? extends Command> commands) {
        try {
            rabbit.invoke(channel -> {
                for (RoomEvent event : events) {
                    channel.convertAndSend(topology.roomEventsExchangeName(),
                            ChorusTopology.roomRoutingKey(event.roomId(), event.type()), event);
                }
                for (Command command : commands) {
                    channel.convertAndSend(topology.commandsExchangeName(), command.type(), command);
                }
                if (confirms) {
                    channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
                }
                return null;
            });
        } catch (AmqpException e) {
            failures.increment(events.size() + commands.size());
            log.error("Could not publish {} and {}: {}", describeEvents(events), describeCommands(commands),
                    e.getMessage());
        }
    }

    private static String describeEvents(List<? extends RoomEvent> events) {
        return events.stream().map(e -> e.type() + " #" + e.seq() + " of room " + e.roomId()).toList().toString();
    }

    private static String describeCommands(List<? extends Command> commands) {
        return commands.stream().map(c -> c.type() + " " + c.commandId()).toList().toString();
    }
}
