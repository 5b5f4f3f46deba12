package dev.chorus.worker.eventlog;

import dev.chorus.worker.cleanup.RoomOccupancy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every room event, from the worker's own durable queue bound to {@code room.*.*}: appended to the event
 * log, then counted for empty-room cleanup. One consumer, so a room's events are applied in order.
 */
@Component
class RoomEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(RoomEventConsumer.class);
    private static final long RETRY_PAUSE_MILLIS = 1000;

    private final EventLog eventLog;
    private final RoomOccupancy occupancy;
    private final JsonMapper json;

    RoomEventConsumer(EventLog eventLog, RoomOccupancy occupancy, JsonMapper json) {
        this.eventLog = eventLog;
        this.occupancy = occupancy;
        this.json = json;
    }

    @RabbitListener(id = "worker-event-log", queues = "#{@eventLogQueue.name}", concurrency = "1")
    void onEvent(Message message) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (RuntimeException e) {
            throw new AmqpRejectAndDontRequeueException("unreadable room event", e);
        }
        String roomId = event.path("roomId").asString(null);
        String type = event.path("type").asString(null);
        if (roomId == null || type == null || !event.path("seq").canConvertToLong()) {
            log.warn("Room event without roomId, type or seq dropped: {}", body);
            return;
        }
        long seq = event.path("seq").asLong();
        Instant at = event.hasNonNull("at") ? Instant.parse(event.path("at").asString()) : null;
        boolean appended;
        try {
            appended = eventLog.append(roomId, seq, type, at, event.path("actorId").asString(null), Document.parse(body));
        } catch (RuntimeException e) {
            // Mongo unavailable: keep the event on the queue rather than lose it from the log.
            log.warn("Could not append event {} of room {}; it stays queued: {}", seq, roomId, e.getMessage());
            pause();
            throw new ImmediateRequeueAmqpException("event log unavailable", e);
        }
        if (!appended) {
            log.debug("Event {} of room {} already in the log", seq, roomId);
        }
        if (!occupancy.apply(roomId, type, event.path("userId").asString(null), seq)) {
            log.debug("Event {} ({}) of room {} is older than the occupancy it would change: ignored", seq, type, roomId);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
