package dev.chorus.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a member is no longer in a room. */
public enum LeaveReason {
    /** The member left on their own. */
    @JsonProperty("left") LEFT,
    /** A moderator removed the member; they are banned from the room. */
    @JsonProperty("removed") REMOVED,
    /** The member's socket closed and they did not come back within the grace period. */
    @JsonProperty("presence-lost") PRESENCE_LOST,
    /** The room ended while the member was in it. */
    @JsonProperty("room-ended") ROOM_ENDED
}
