package dev.chorus.contracts.events;

import java.time.Instant;

/** A chat message was stored; {@code at} is when it was posted. */
public record MessagePosted(String roomId, long seq, Instant at, String actorId, String messageId, String authorId, String authorName, String text) implements RoomEvent {
    public static final String TYPE = "message-posted";

    @Override
    public String type() {
        return TYPE;
    }
}
