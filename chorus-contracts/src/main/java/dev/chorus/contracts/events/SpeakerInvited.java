package dev.chorus.contracts.events;

import java.time.Instant;

/** A moderator invited a member to speak; the member accepts (a {@code role-changed} to speaker follows) or declines. */
public record SpeakerInvited(String roomId, long seq, Instant at, String actorId, String userId) implements RoomEvent {
    public static final String TYPE = "speaker-invited";

    @Override
    public String type() {
        return TYPE;
    }
}
