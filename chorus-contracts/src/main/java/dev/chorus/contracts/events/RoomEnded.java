package dev.chorus.contracts.events;

import java.time.Instant;

/** The room ended: by its host or a moderator, when its last moderator left, or when it stayed empty too long. */
public record RoomEnded(String roomId, long seq, Instant at, String actorId, String reason) implements RoomEvent {
    public static final String TYPE = "room-ended";

    @Override
    public String type() {
        return TYPE;
    }
}
