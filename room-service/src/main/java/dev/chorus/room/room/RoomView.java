package dev.chorus.room.room;

import java.time.Instant;
import java.util.List;

/** A room as clients see it: its record, with who is on stage and how many listen right now. */
public record RoomView(String id, String title, String description, String visibility, String status, String hostId,
        Instant scheduledStart, Instant createdAt, Instant endedAt, int speakerLimit, long listenerCount,
        List<OnStage> stage) {

    public record OnStage(String userId, String displayName, String role) {
    }
}
