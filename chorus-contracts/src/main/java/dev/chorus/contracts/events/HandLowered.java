package dev.chorus.contracts.events;

import java.time.Instant;

/** A raised hand went down: lowered by its owner, or answered by an invitation. */
public record HandLowered(String roomId, long seq, Instant at, String actorId, String userId) implements RoomEvent {
    public static final String TYPE = "hand-lowered";

    @Override
    public String type() {
        return TYPE;
    }
}
