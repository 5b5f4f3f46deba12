package dev.chorus.worker;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Every Redis key worker-service uses, under {@code chorus.redis.key-prefix}. */
@Component
public class RedisKeys {

    private final String prefix;

    RedisKeys(@Value("${chorus.redis.key-prefix:chorus:}") String prefix) {
        this.prefix = prefix + "worker:";
    }

    /** The room sequence of the newest command applied to one member's voice. */
    public String memberSeq(String roomId, String userId) {
        return prefix + "seq:" + roomId + ":" + userId;
    }

    /** The room sequence at which a room ended; member commands from before it are stale. */
    public String roomEnded(String roomId) {
        return prefix + "ended:" + roomId;
    }

    /** Marks a command as done, so a second delivery does nothing. */
    public String done(String commandId) {
        return prefix + "done:" + commandId;
    }

    /** Set of the users in one room, from the room's events. */
    public String roomMembers(String roomId) {
        return prefix + "room-members:" + roomId;
    }

    /**
     * Hash userId → the room sequence of that member's newest join or leave applied, and {@code ~ended}
     * → the room's end, so that late events change nothing.
     */
    public String roomMemberSeqs(String roomId) {
        return prefix + "room-member-seqs:" + roomId;
    }

    /** Sorted set of empty rooms, scored by when they became empty (epoch millis). */
    public String emptyRooms() {
        return prefix + "empty-rooms";
    }
}
