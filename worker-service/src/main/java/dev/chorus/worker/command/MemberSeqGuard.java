package dev.chorus.worker.command;

import dev.chorus.worker.RedisKeys;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;

/**
 * Keeps an older command from undoing newer state: per member, the room sequence of the newest command
 * applied is kept in Redis, and a command older than it (or than the room's end) is skipped. The check and the update are one
 * Lua script, so two workers cannot both pass with out-of-order commands.
 */
@Component
class MemberSeqGuard {

    private static final Duration KEEP = Duration.ofDays(2);
    private static final DefaultRedisScript<Long> CLAIM = new DefaultRedisScript<>("""
            local ended = redis.call('get', KEYS[2])
            if ended and tonumber(ended) > tonumber(ARGV[1]) then return 0 end
            local current = redis.call('get', KEYS[1])
            if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
            redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;

    MemberSeqGuard(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** True when {@code seq} is not older than what was applied to the member; it becomes the newest. */
    boolean claim(String roomId, String userId, long seq) {
        Long claimed = redis.execute(CLAIM, List.of(keys.memberSeq(roomId, userId), keys.roomEnded(roomId)), Long.toString(seq),
                Long.toString(KEEP.toSeconds()));
        return claimed != null && claimed == 1L;
    }

    /** Records that the room ended at {@code seq}: member commands older than that are stale from now on. */
    void roomEnded(String roomId, long seq) {
        redis.opsForValue().set(keys.roomEnded(roomId), Long.toString(seq), KEEP);
    }
}
