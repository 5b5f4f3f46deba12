package dev.chorus.room.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that change a room's live state atomically. Each runs {@code common.lua} first, so
 * every transition keeps the same indexes (counts, moderator order, hands, invitations) in step and
 * takes the room's next sequence number in the same step as the change it numbers.
 */
enum RoomScript {
    JOIN, LEAVE, REMOVE, END, END_IDLE, RAISE_HAND, LOWER_HAND, INVITE, ACCEPT, DECLINE, CHANGE_ROLE, STEP_DOWN, MUTE,
    NEXT_SEQ, SNAPSHOT;

    @SuppressWarnings({"rawtypes", "unchecked"})
    private final RedisScript<List> script = new DefaultRedisScript<>(
            read("common.lua") + "\n" + read(name().toLowerCase() + ".lua"), List.class);

    @SuppressWarnings("rawtypes")
    RedisScript<List> script() {
        return script;
    }

    private static String read(String file) {
        try {
            return new ClassPathResource("scripts/" + file).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing room script " + file, e);
        }
    }
}
