package dev.chorus.contracts.events;

import java.time.Instant;

/** A moderator deleted a chat message. */
public record MessageDeleted(String roomId, long seq, Instant at, String actorId, String messageId) implements RoomEvent {
    public static final String TYPE = "message-deleted";

    @Override
    public String type() {
        return TYPE;
    }
}
