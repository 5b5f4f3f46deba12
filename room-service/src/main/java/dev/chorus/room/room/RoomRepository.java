package dev.chorus.room.room;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface RoomRepository extends MongoRepository<Room, String> {

    List<Room> findByStatusAndVisibilityAndScheduledStartAfterOrderByScheduledStartAsc(RoomStatus status,
            Visibility visibility, Instant after, Pageable page);
}
