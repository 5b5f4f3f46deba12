package dev.chorus.worker.cleanup;

import dev.chorus.worker.RedisKeys;
import dev.chorus.worker.WorkerProperties;
import dev.chorus.worker.voice.VoiceServiceClient;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires the bridge conferences of rooms that stayed empty for {@code chorus.worker.empty-room-timeout}.
 * Removing the room from the empty set first makes one worker, and only one, clean each room.
 */
@Component
class EmptyRoomCleanup {

    private static final Logger log = LoggerFactory.getLogger(EmptyRoomCleanup.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final VoiceServiceClient voice;
    private final WorkerProperties properties;
    private final Clock clock = Clock.systemUTC();

    EmptyRoomCleanup(StringRedisTemplate redis, RedisKeys keys, VoiceServiceClient voice, WorkerProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.voice = voice;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${chorus.worker.cleanup-interval:30s}")
    void cleanUp() {
        long emptySince = clock.millis() - properties.emptyRoomTimeout().toMillis();
        Set<String> rooms = redis.opsForZSet().rangeByScore(keys.emptyRooms(), 0, emptySince);
        if (rooms == null) {
            return;
        }
        for (String roomId : rooms) {
            Long removed = redis.opsForZSet().remove(keys.emptyRooms(), roomId);
            if (removed == null || removed == 0) {
                continue; // another worker took it
            }
            try {
                voice.endRoom(roomId);
                log.info("Room {} was empty for {}; its conferences expired", roomId, properties.emptyRoomTimeout());
            } catch (RuntimeException e) {
                redis.opsForZSet().add(keys.emptyRooms(), roomId, emptySince);
                log.warn("Could not expire the conferences of empty room {}; will try again: {}", roomId, e.getMessage());
            }
        }
    }
}
