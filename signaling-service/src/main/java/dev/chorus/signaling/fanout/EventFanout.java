package dev.chorus.signaling.fanout;

import dev.chorus.contracts.events.MemberLeft;
import dev.chorus.contracts.events.VoiceFailed;
import dev.chorus.contracts.events.VoiceReady;
import dev.chorus.signaling.connection.ClientConnection;
import dev.chorus.signaling.connection.EncodedFrame;
import dev.chorus.signaling.connection.FrameWriter;
import dev.chorus.signaling.connection.LocalConnections;
import dev.chorus.signaling.frame.ServerFrame;
import dev.chorus.signaling.room.RoomSubscriptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes each message from this node's queue (one consumer, so a room's events keep their order)
 * and hands it to the local sockets it concerns. A room event is serialized once per node, however
 * many sockets it goes to, and passed on as room-service published it.
 */
@Component
class EventFanout implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(EventFanout.class);

    private final JsonMapper json;
    private final FrameWriter frames;
    private final RoomSubscriptions subscriptions;
    private final LocalConnections connections;
    private final Counter roomEventsIn;
    private final Counter userEventsIn;
    private final Counter eventsOut;
    private final Counter unreadable;
    private final Timer fanoutLatency;

    EventFanout(JsonMapper json, FrameWriter frames, RoomSubscriptions subscriptions, LocalConnections connections,
            MeterRegistry meters) {
        this.json = json;
        this.frames = frames;
        this.subscriptions = subscriptions;
        this.connections = connections;
        this.roomEventsIn = Counter.builder("chorus.signaling.events.in").tag("kind", "room")
                .description("Events taken from this node's queue").register(meters);
        this.userEventsIn = Counter.builder("chorus.signaling.events.in").tag("kind", "user")
                .description("Events taken from this node's queue").register(meters);
        this.eventsOut = Counter.builder("chorus.signaling.events.out")
                .description("Event frames handed to local sockets").register(meters);
        this.unreadable = Counter.builder("chorus.signaling.events.unreadable")
                .description("Queue messages that were not a readable event").register(meters);
        this.fanoutLatency = Timer.builder("chorus.signaling.fanout.latency")
                .description("From an event's publication to its frame being queued for every local subscriber")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
    }

    @Override
    public void onMessage(Message message) {
        String routingKey = message.getMessageProperties().getReceivedRoutingKey();
        JsonNode event;
        try {
            event = json.readTree(message.getBody());
        } catch (JacksonException e) {
            unreadable.increment();
            log.warn("Dropped an unreadable message with routing key {}: {}", routingKey, e.getOriginalMessage());
            return;
        }
        if (routingKey != null && routingKey.startsWith("room.")) {
            roomEventsIn.increment();
            fanOutRoomEvent(event, publishedAt(message, event));
        } else if (routingKey != null && routingKey.startsWith("user.")) {
            userEventsIn.increment();
            deliverUserEvent(event);
        } else {
            unreadable.increment();
            log.warn("Dropped a message with unexpected routing key {}", routingKey);
        }
    }

    private void fanOutRoomEvent(JsonNode event, Instant publishedAt) {
        String roomId = event.path("roomId").asString(null);
        long seq = event.path("seq").asLong(-1);
        if (roomId == null || seq < 0) {
            unreadable.increment();
            log.warn("Dropped a room event without roomId or seq: type {}", event.path("type").asString(null));
            return;
        }
        EncodedFrame frame = frames.encode(new ServerFrame.Event(roomId, seq, event));
        int delivered = subscriptions.deliver(roomId, seq, frame);
        eventsOut.increment(delivered);
        if (publishedAt != null) {
            fanoutLatency.record(Duration.between(publishedAt, Instant.now()));
        }
        if (MemberLeft.TYPE.equals(event.path("type").asString(null))) {
            stopFollowingRoom(event.path("userId").asString(null), roomId);
        }
    }

    /** A member who left or was removed gets that event, then no more of the room. */
    private void stopFollowingRoom(String userId, String roomId) {
        if (userId == null) {
            return;
        }
        for (ClientConnection connection : connections.ofUser(userId)) {
            subscriptions.unsubscribe(connection, roomId);
        }
    }

    private void deliverUserEvent(JsonNode event) {
        String userId = event.path("userId").asString(null);
        String roomId = event.path("roomId").asString(null);
        String type = event.path("type").asString("");
        ServerFrame frame = switch (type) {
            case VoiceReady.TYPE -> new ServerFrame.VoiceReady(roomId, event.get("session"));
            case VoiceFailed.TYPE -> new ServerFrame.VoiceFailed(roomId, event.path("reason").asString(null),
                    event.path("message").asString(null));
            default -> null;
        };
        if (userId == null || frame == null) {
            unreadable.increment();
            log.warn("Dropped a user event of type '{}' for user {}", type, userId);
            return;
        }
        EncodedFrame encoded = frames.encode(frame);
        int delivered = 0;
        for (ClientConnection connection : connections.ofUser(userId)) {
            connection.send(encoded);
            delivered++;
        }
        eventsOut.increment(delivered);
        log.info("{} for user {} in room {} went to {} local sockets", type, userId, roomId, delivered);
    }

    /** The event's own time (room-service sets it as it publishes); AMQP timestamps only have whole seconds. */
    private static Instant publishedAt(Message message, JsonNode event) {
        try {
            return Instant.parse(event.path("at").asString(""));
        } catch (RuntimeException notATime) {
            Date timestamp = message.getMessageProperties().getTimestamp();
            return timestamp != null ? timestamp.toInstant() : null;
        }
    }
}
