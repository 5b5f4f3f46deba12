package dev.chorus.room.account;

import dev.chorus.room.RoomServiceProperties;
import dev.chorus.room.system.ChorusNames;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per username and client address in Redis, so that password guessing is slowed
 * across every room-service replica. A successful login clears the count.
 */
@Component
class LoginLimiter {

    private final StringRedisTemplate redis;
    private final String prefix;
    private final int attempts;
    private final Duration window;

    LoginLimiter(StringRedisTemplate redis, ChorusNames names, RoomServiceProperties properties) {
        this.redis = redis;
        this.prefix = names.redis().keyPrefix() + "login-failures:";
        this.attempts = properties.loginAttempts();
        this.window = properties.loginWindow();
    }

    /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
    long retryAfterSeconds(String usernameKey, String address) {
        String key = key(usernameKey, address);
        String count = redis.opsForValue().get(key);
        if (count == null || Integer.parseInt(count) < attempts) {
            return 0;
        }
        Long ttl = redis.getExpire(key);
        return ttl == null || ttl < 1 ? 1 : ttl;
    }

    void failed(String usernameKey, String address) {
        String key = key(usernameKey, address);
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1) {
            redis.expire(key, window);
        }
    }

    void succeeded(String usernameKey, String address) {
        redis.delete(key(usernameKey, address));
    }

    private String key(String usernameKey, String address) {
        return prefix + usernameKey + ":" + address;
    }
}
