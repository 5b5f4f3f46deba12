package dev.chorus.contracts.events;

import java.time.Instant;

/** A member declined an invitation to speak. */
public record InviteDeclined(String roomId, long seq, Instant at, String actorId, String userId) implements RoomEvent {
    public static final String TYPE = "invite-declined";

    @Override
    public String type() {
        return TYPE;
    }
}
