package dev.chorus.contracts.events;

import java.time.Instant;

/** A member's role changed: invited up, moved back to the audience, made or unmade moderator, or made host. */
public record RoleChanged(String roomId, long seq, Instant at, String actorId, String userId, Role role, Role previousRole) implements RoomEvent {
    public static final String TYPE = "role-changed";

    @Override
    public String type() {
        return TYPE;
    }
}
