package dev.chorus.room.room;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A room's durable record. Who is in it right now lives in Redis ({@code LiveRooms}); this is what
 * outlives the talk: title, schedule, who invited whom, when it ended.
 */
@Document("rooms")
public record Room(@Id String id, String title, String description, Visibility visibility, RoomStatus status,
        String hostId, List<String> invitedUserIds, Instant scheduledStart, Instant createdAt, Instant endedAt,
        int speakerLimit) {

    Room withText(String newTitle, String newDescription) {
        return new Room(id, newTitle, newDescription, visibility, status, hostId, invitedUserIds, scheduledStart,
                createdAt, endedAt, speakerLimit);
    }

    Room withStatus(RoomStatus newStatus, Instant newEndedAt) {
        return new Room(id, title, description, visibility, newStatus, hostId, invitedUserIds, scheduledStart,
                createdAt, newEndedAt, speakerLimit);
    }

    Room withInvited(List<String> userIds) {
        return new Room(id, title, description, visibility, status, hostId, userIds, scheduledStart, createdAt,
                endedAt, speakerLimit);
    }
}
