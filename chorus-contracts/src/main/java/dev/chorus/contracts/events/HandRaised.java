package dev.chorus.contracts.events;

import java.time.Instant;

/** A listener raised their hand to ask to speak. */
public record HandRaised(String roomId, long seq, Instant at, String actorId, String userId) implements RoomEvent {
    public static final String TYPE = "hand-raised";

    @Override
    public String type() {
        return TYPE;
    }
}
