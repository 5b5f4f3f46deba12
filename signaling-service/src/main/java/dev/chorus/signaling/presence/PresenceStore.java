package dev.chorus.signaling.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Presence in Redis, every key under {@code chorus.redis.key-prefix}:
 * <ul>
 *   <li>{@code presence:<userId>}: sorted set of the nodes holding a socket of the user, scored by
 *       when that claim expires; the key itself expires too, so a dead node's claims vanish.</li>
 *   <li>{@code signaling:nodes}: sorted set of signaling nodes, scored by when their heartbeat expires.</li>
 *   <li>{@code signaling:node:<nodeId>:rooms}: hash user id to the rooms the user is subscribed to
 *       through that node (space separated), what a {@code presence-lost} must name.</li>
 * </ul>
 */
@Component
class PresenceStore {

    private final StringRedisTemplate redis;
    private final String prefix;

    PresenceStore(StringRedisTemplate redis, @Value("${chorus.redis.key-prefix:chorus:}") String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    String userKey(String userId) {
        return prefix + "presence:" + userId;
    }

    private String nodesKey() {
        return prefix + "signaling:nodes";
    }

    private String roomsKey(String nodeId) {
        return prefix + "signaling:node:" + nodeId + ":rooms";
    }

    /** Claims (or renews the claim) that this node holds a socket of each user, until {@code expiresAt}. */
    void markPresent(Collection<String> userIds, String nodeId, Instant expiresAt, Duration ttl) {
        if (userIds.isEmpty()) {
            return;
        }
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public Object execute(RedisOperations operations) {
                RedisOperations<String, String> pipeline = operations;
                for (String userId : userIds) {
                    pipeline.opsForZSet().add(userKey(userId), nodeId, expiresAt.toEpochMilli());
                    pipeline.expire(userKey(userId), ttl);
                }
                return null;
            }
        });
    }

    void markGone(String userId, String nodeId) {
        redis.opsForZSet().remove(userKey(userId), nodeId);
    }

    /** True if any node holds an unexpired claim on a socket of the user. */
    boolean presentAnywhere(String userId, Instant now) {
        Long live = redis.opsForZSet().count(userKey(userId), now.toEpochMilli(), Double.POSITIVE_INFINITY);
        return live != null && live > 0;
    }

    void nodeAlive(String nodeId, Instant expiresAt, Duration roomsTtl) {
        redis.opsForZSet().add(nodesKey(), nodeId, expiresAt.toEpochMilli());
        redis.expire(roomsKey(nodeId), roomsTtl);
    }

    /**
     * Removes from the node registry the nodes whose heartbeat expired before {@code deadBefore}.
     * Removal is the claim: of several nodes sweeping at once, exactly one gets each dead node.
     */
    List<String> claimDeadNodes(Instant deadBefore) {
        Set<String> dead = redis.opsForZSet().rangeByScore(nodesKey(), Double.NEGATIVE_INFINITY, deadBefore.toEpochMilli());
        List<String> claimed = new ArrayList<>();
        if (dead != null) {
            for (String nodeId : dead) {
                Long removed = redis.opsForZSet().remove(nodesKey(), nodeId);
                if (removed != null && removed == 1) {
                    claimed.add(nodeId);
                }
            }
        }
        return claimed;
    }

    void setRooms(String nodeId, String userId, Set<String> roomIds) {
        if (roomIds.isEmpty()) {
            redis.opsForHash().delete(roomsKey(nodeId), userId);
        } else {
            redis.opsForHash().put(roomsKey(nodeId), userId, String.join(" ", roomIds));
        }
    }

    /** Reads and forgets the rooms a user had through a node. */
    Set<String> takeRooms(String nodeId, String userId) {
        Object value = redis.opsForHash().get(roomsKey(nodeId), userId);
        redis.opsForHash().delete(roomsKey(nodeId), userId);
        return parse(value);
    }

    /** Reads and forgets every user's rooms of a node. */
    Map<Object, Object> takeAllRooms(String nodeId) {
        Map<Object, Object> all = redis.opsForHash().entries(roomsKey(nodeId));
        redis.delete(roomsKey(nodeId));
        return all;
    }

    static Set<String> parse(Object value) {
        return value == null || value.toString().isBlank()
                ? Set.of() : new LinkedHashSet<>(Arrays.asList(value.toString().split(" ")));
    }
}
