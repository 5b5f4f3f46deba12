package dev.chorus.contracts.events;

import java.time.Instant;

/** A room was created; {@code actorId} is its host. */
public record RoomCreated(String roomId, long seq, Instant at, String actorId, String title, String visibility) implements RoomEvent {
    public static final String TYPE = "room-created";

    @Override
    public String type() {
        return TYPE;
    }
}
