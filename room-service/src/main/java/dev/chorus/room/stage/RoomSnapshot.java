package dev.chorus.room.stage;

import java.util.List;

/**
 * Everything a client needs to draw a room, as of event {@code seq}: apply events with a higher seq
 * on top of it.
 */
public record RoomSnapshot(String roomId, String title, String status, long seq, int speakerLimit, String hostId,
        List<StageMember> stage, List<AudienceMember> audience, List<String> raisedHands, List<String> invited,
        Counts counts) {

    public record StageMember(String userId, String displayName, String role, boolean muted) {
    }

    public record AudienceMember(String userId, String displayName, boolean handRaised) {
    }

    public record Counts(int stage, int audience, int total) {
    }

    public boolean hasMember(String userId) {
        return stage.stream().anyMatch(m -> m.userId().equals(userId))
                || audience.stream().anyMatch(m -> m.userId().equals(userId));
    }
}
