package dev.chorus.worker.cleanup;

import dev.chorus.contracts.events.MemberJoined;
import dev.chorus.contracts.events.MemberLeft;
import dev.chorus.contracts.events.RoomCreated;
import dev.chorus.contracts.events.RoomEnded;
import dev.chorus.worker.RedisKeys;
import java.time.Clock;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Who is in each room, from its events, and since when each empty room has been empty. */
@Component
public class RoomOccupancy {

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final Clock clock = Clock.systemUTC();

    RoomOccupancy(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public void apply(String roomId, String type, String userId) {
        switch (type) {
            case RoomCreated.TYPE -> markEmptyIfNobody(roomId);
            case MemberJoined.TYPE -> {
                redis.opsForSet().add(keys.roomMembers(roomId), userId);
                redis.opsForZSet().remove(keys.emptyRooms(), roomId);
            }
            case MemberLeft.TYPE -> {
                redis.opsForSet().remove(keys.roomMembers(roomId), userId);
                markEmptyIfNobody(roomId);
            }
            case RoomEnded.TYPE -> {
                redis.delete(keys.roomMembers(roomId));
                redis.opsForZSet().remove(keys.emptyRooms(), roomId);
            }
            default -> { }
        }
    }

    private void markEmptyIfNobody(String roomId) {
        Long members = redis.opsForSet().size(keys.roomMembers(roomId));
        if (members == null || members == 0) {
            redis.opsForZSet().addIfAbsent(keys.emptyRooms(), roomId, clock.millis());
        }
    }
}
