package dev.chorus.contracts.events;

import java.time.Instant;

/** A user joined the room with the given role. */
public record MemberJoined(String roomId, long seq, Instant at, String actorId, String userId, String displayName, Role role) implements RoomEvent {
    public static final String TYPE = "member-joined";

    @Override
    public String type() {
        return TYPE;
    }
}
