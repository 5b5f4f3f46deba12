package dev.chorus.contracts.events;

import java.time.Instant;

/** A speaker's microphone was muted (by themselves or a moderator) or unmuted (only by themselves). */
public record MuteChanged(String roomId, long seq, Instant at, String actorId, String userId, boolean muted) implements RoomEvent {
    public static final String TYPE = "mute-changed";

    @Override
    public String type() {
        return TYPE;
    }
}
