package dev.chorus.room.room;

import dev.chorus.room.system.ApiProblem;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The durable side of a room's lifecycle, for the stage rules that start and end rooms. */
@Component
public class RoomRecords {

    private final RoomRepository rooms;

    RoomRecords(RoomRepository rooms) {
        this.rooms = rooms;
    }

    public Room find(String roomId) {
        return rooms.findById(roomId).orElseThrow(() -> ApiProblem.notFound("Room " + roomId));
    }

    public void markLive(String roomId) {
        rooms.findById(roomId).filter(room -> room.status() == RoomStatus.SCHEDULED)
                .ifPresent(room -> rooms.save(room.withStatus(RoomStatus.LIVE, null)));
    }

    public void markEnded(String roomId, Instant at) {
        rooms.findById(roomId).filter(room -> room.status() != RoomStatus.ENDED)
                .ifPresent(room -> rooms.save(room.withStatus(RoomStatus.ENDED, at)));
    }
}
