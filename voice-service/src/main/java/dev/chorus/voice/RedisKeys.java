package dev.chorus.voice;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Every Redis key voice-service uses, under {@code chorus.redis.key-prefix}. */
@Component
public class RedisKeys {

    private final String prefix;

    RedisKeys(@Value("${chorus.redis.key-prefix:chorus:}") String prefix) {
        this.prefix = prefix + "voice:";
    }

    /** Hash region → conference placement of one room. */
    public String conferences(String roomId) {
        return prefix + "conf:" + roomId;
    }

    /** Hash userId → the member's voice state in one room. */
    public String members(String roomId) {
        return prefix + "members:" + roomId;
    }

    /** Hash bridge pair → the relay pair linking the room's conferences on those two bridges. */
    public String relays(String roomId) {
        return prefix + "relays:" + roomId;
    }

    /** Set of rooms whose conferences are not all linked by relays yet, tried again on a timer. */
    public String unlinkedRooms() {
        return prefix + "unlinked-rooms";
    }

    /** Set of rooms with a conference on one bridge, for failover. */
    public String bridgeRooms(String bridge) {
        return prefix + "bridge-rooms:" + bridge;
    }

    public String lock(String what) {
        return prefix + "lock:" + what;
    }
}
