package dev.chorus.contracts.events;

import java.time.Instant;

/** A member is no longer in the room. */
public record MemberLeft(String roomId, long seq, Instant at, String actorId, String userId, LeaveReason reason) implements RoomEvent {
    public static final String TYPE = "member-left";

    @Override
    public String type() {
        return TYPE;
    }
}
