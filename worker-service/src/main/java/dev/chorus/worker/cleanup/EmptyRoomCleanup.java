package dev.chorus.worker.cleanup;

import dev.chorus.contracts.commands.RoomIdle;
import dev.chorus.contracts.messaging.CommandPublisher;
import dev.chorus.worker.RedisKeys;
import dev.chorus.worker.WorkerProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks room-service to end the rooms that stayed empty for {@code chorus.worker.empty-room-timeout}
 * ({@code room-idle}); the room's end then expires its conferences like any other end. Removing the
 * room from the empty set first makes one worker, and only one, report each room.
 */
@Component
class EmptyRoomCleanup {

    private static final Logger log = LoggerFactory.getLogger(EmptyRoomCleanup.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final CommandPublisher commands;
    private final WorkerProperties properties;
    private final Clock clock = Clock.systemUTC();

    EmptyRoomCleanup(StringRedisTemplate redis, RedisKeys keys, CommandPublisher commands, WorkerProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.commands = commands;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${chorus.worker.cleanup-interval:30s}")
    void cleanUp() {
        long emptyBefore = clock.millis() - properties.emptyRoomTimeout().toMillis();
        Set<TypedTuple<String>> rooms = redis.opsForZSet().rangeByScoreWithScores(keys.emptyRooms(), 0, emptyBefore);
        if (rooms == null) {
            return;
        }
        for (TypedTuple<String> room : rooms) {
            String roomId = room.getValue();
            Long removed = redis.opsForZSet().remove(keys.emptyRooms(), roomId);
            if (removed == null || removed == 0) {
                continue; // another worker took it
            }
            Instant emptySince = Instant.ofEpochMilli(room.getScore().longValue());
            try {
                commands.publish(new RoomIdle(UUID.randomUUID().toString(), clock.instant(), roomId, emptySince));
                log.info("Room {} has been empty since {}: asked room-service to end it", roomId, emptySince);
            } catch (RuntimeException e) {
                redis.opsForZSet().add(keys.emptyRooms(), roomId, room.getScore());
                log.warn("Could not report empty room {}; will try again: {}", roomId, e.getMessage());
            }
        }
    }
}
