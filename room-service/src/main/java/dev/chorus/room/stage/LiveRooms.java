package dev.chorus.room.stage;

import dev.chorus.room.system.ChorusNames;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A room's live state in Redis: members and roles, display names, mutes, the hand queue (sorted by the
 * time each hand went up), invitations to speak, bans, the closed room's invite list, the moderators in
 * the order they became one, and the event sequence counter. All keys of a room share one hash slot
 * ({@code {roomId}}) so the scripts stay valid on a Redis Cluster. The hallway index (live public rooms
 * by listener count) is kept beside them.
 */
@Component
public class LiveRooms {

    private static final List<String> SUFFIXES =
            List.of("meta", "members", "names", "muted", "hands", "invited", "banned", "allowed", "seq", "mods");

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Clock clock;

    LiveRooms(StringRedisTemplate redis, ChorusNames names, Clock clock) {
        this.redis = redis;
        this.prefix = names.redis().keyPrefix();
        this.clock = clock;
    }

    /** Creates the live state of a new room with seq 1 taken by its {@code room-created} event. */
    public void create(String roomId, String title, String hostId, String visibility, String status,
            int speakerLimit, Collection<String> allowed) {
        List<String> keys = keys(roomId);
        redis.opsForHash().putAll(keys.get(0), Map.of("title", title, "status", status, "hostId", hostId,
                "visibility", visibility, "speakerLimit", Integer.toString(speakerLimit), "stageCount", "0",
                "listenerCount", "0"));
        redis.opsForValue().set(keys.get(8), "1");
        allow(roomId, allowed);
    }

    public void retitle(String roomId, String title) {
        redis.opsForHash().put(keys(roomId).get(0), "title", title);
    }

    public void allow(String roomId, Collection<String> userIds) {
        if (!userIds.isEmpty()) {
            redis.opsForSet().add(keys(roomId).get(7), userIds.toArray(String[]::new));
        }
    }

    /** Runs one transition; the answer is the script's list, its first element 'OK', 'SAME', 'ALREADY' or 'ERR'. */
    @SuppressWarnings("unchecked")
    ScriptResult run(RoomScript script, String roomId, String actorId, String targetId, String extra) {
        List<Object> answer = redis.execute(script.script(), keys(roomId),
                Long.toString(clock.millis()), nz(actorId), nz(targetId), nz(extra));
        return new ScriptResult(answer == null ? List.of("ERR", "room-not-found") : answer);
    }

    /** The member's role, or null when the user is not in the room. */
    public String roleOf(String roomId, String userId) {
        Object role = redis.opsForHash().get(keys(roomId).get(1), userId);
        return (String) role;
    }

    /** Lets an ended room's state expire, once late callers have had time to hear that it ended. */
    void expireEnded(String roomId, Duration after) {
        for (String key : keys(roomId)) {
            redis.expire(key, after);
        }
    }

    void updateHallway(String roomId, boolean listed, long listenerCount) {
        if (listed) {
            redis.opsForZSet().add(hallwayKey(), roomId, listenerCount);
        } else {
            redis.opsForZSet().remove(hallwayKey(), roomId);
        }
    }

    /** Live public room ids, most listeners first. */
    public List<String> hallwayPage(int page, int size) {
        var ids = redis.opsForZSet().reverseRange(hallwayKey(), (long) page * size, (long) page * size + size - 1);
        return ids == null ? List.of() : new ArrayList<>(ids);
    }

    public long hallwaySize() {
        Long size = redis.opsForZSet().zCard(hallwayKey());
        return size == null ? 0 : size;
    }

    private String hallwayKey() {
        return prefix + "hallway";
    }

    private List<String> keys(String roomId) {
        String base = prefix + "room:{" + roomId + "}:";
        return SUFFIXES.stream().map(suffix -> base + suffix).toList();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
