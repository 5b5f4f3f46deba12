package dev.chorus.contracts.events;

import java.time.Instant;

/** The room's title or description changed. */
public record RoomUpdated(String roomId, long seq, Instant at, String actorId, String title, String description) implements RoomEvent {
    public static final String TYPE = "room-updated";

    @Override
    public String type() {
        return TYPE;
    }
}
