package dev.chorus.room.chat;

import dev.chorus.room.RoomServiceProperties;
import dev.chorus.room.system.ApiProblem;
import dev.chorus.room.system.ChorusNames;
import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** At most {@code chatMessages} messages per user and room within {@code chatWindow}, across every node. */
@Component
class ChatLimiter {

    private final StringRedisTemplate redis;
    private final String prefix;
    private final int limit;
    private final Duration window;

    ChatLimiter(StringRedisTemplate redis, ChorusNames names, RoomServiceProperties properties) {
        this.redis = redis;
        this.prefix = names.redis().keyPrefix() + "chat-rate:";
        this.limit = properties.chatMessages();
        this.window = properties.chatWindow();
    }

    void check(String roomId, String userId) {
        String key = prefix + roomId + ":" + userId;
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1) {
            redis.expire(key, window);
        }
        if (count != null && count > limit) {
            ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "chat-rate-limited",
                    "You are sending messages too fast; wait a moment");
            problem.getHeaders().set("Retry-After", Long.toString(Math.max(1, window.toSeconds())));
            throw problem;
        }
    }
}
