package dev.chorus.worker.cleanup;

import dev.chorus.contracts.events.MemberJoined;
import dev.chorus.contracts.events.MemberLeft;
import dev.chorus.contracts.events.RoomCreated;
import dev.chorus.contracts.events.RoomEnded;
import dev.chorus.worker.RedisKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;

/**
 * Who is in each room, from its events, and since when each empty room has been empty. Events may
 * arrive out of order (several workers share the queue; a retried delivery comes late), so each
 * member's newest event wins by the room's sequence and an older one changes nothing; after the
 * room's end nothing brings it back. One Lua script per event keeps two workers from interleaving.
 */
@Component
public class RoomOccupancy {

    /** How long an ended room is remembered, so that its late events cannot fill it again. */
    private static final Duration ENDED_KEPT = Duration.ofDays(2);
    private static final String ENDED = "~ended";
    private static final DefaultRedisScript<Long> APPLY = new DefaultRedisScript<>("""
            local kind, user, seq, room, now = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
            if redis.call('hexists', KEYS[2], ARGV[6]) == 1 then return 0 end
            if kind == 'room-ended' then
              redis.call('del', KEYS[1], KEYS[2])
              redis.call('hset', KEYS[2], ARGV[6], seq)
              redis.call('expire', KEYS[2], ARGV[7])
              redis.call('zrem', KEYS[3], room)
              return 1
            end
            if kind == 'room-created' then
              if redis.call('scard', KEYS[1]) == 0 then redis.call('zadd', KEYS[3], 'NX', now, room) end
              return 1
            end
            local last = tonumber(redis.call('hget', KEYS[2], user) or '0')
            if seq <= last then return 0 end
            redis.call('hset', KEYS[2], user, seq)
            if kind == 'member-joined' then
              redis.call('sadd', KEYS[1], user)
              redis.call('zrem', KEYS[3], room)
            else
              redis.call('srem', KEYS[1], user)
              if redis.call('scard', KEYS[1]) == 0 then redis.call('zadd', KEYS[3], 'NX', now, room) end
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final Clock clock = Clock.systemUTC();

    RoomOccupancy(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Applies one room event; events of other types change nothing.
     *
     * @return false when it was older than what the room or the member had seen (ignored)
     */
    public boolean apply(String roomId, String type, String userId, long seq) {
        boolean memberEvent = MemberJoined.TYPE.equals(type) || MemberLeft.TYPE.equals(type);
        if (!memberEvent && !RoomCreated.TYPE.equals(type) && !RoomEnded.TYPE.equals(type)) {
            return true;
        }
        if (memberEvent && userId == null) {
            return false;
        }
        Long applied = redis.execute(APPLY,
                List.of(keys.roomMembers(roomId), keys.roomMemberSeqs(roomId), keys.emptyRooms()),
                type, userId == null ? "" : userId, Long.toString(seq), roomId, Long.toString(clock.millis()), ENDED,
                Long.toString(ENDED_KEPT.toSeconds()));
        return applied != null && applied == 1L;
    }
}
