package dev.chorus.room.history;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.room.room.Room;
import dev.chorus.room.room.RoomRecords;
import dev.chorus.room.stage.StageService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A room's history for replay and audit: the event log that worker-service appends to (collection
 * {@code room_events}, one document per event, unique on room and seq). Members of the room, and its
 * host after it ended, may read it.
 */
@RestController
class EventLogController {

    static final String COLLECTION = "room_events";

    private final MongoTemplate mongo;
    private final RoomRecords records;
    private final StageService stage;

    EventLogController(MongoTemplate mongo, RoomRecords records, StageService stage) {
        this.mongo = mongo;
        this.records = records;
        this.stage = stage;
    }

    record LoggedEvent(long seq, String type, Object at, String actorId, Object event) {
    }

    record EventPage(String roomId, List<LoggedEvent> items, Long nextAfter) {
    }

    @GetMapping("/api/v1/rooms/{roomId}/events")
    EventPage events(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        Room room = records.find(roomId);
        if (!me.userId().equals(room.hostId())) {
            stage.requireMember(roomId, me.userId());
        }
        Query query = Query.query(Criteria.where("roomId").is(roomId).and("seq").gt(after))
                .with(Sort.by("seq")).limit(limit);
        List<LoggedEvent> items = mongo.find(query, Document.class, COLLECTION).stream()
                .map(d -> new LoggedEvent(((Number) d.get("seq")).longValue(), d.getString("type"), d.get("at"),
                        d.getString("actorId"), d.get("event")))
                .toList();
        Long next = items.size() == limit ? items.get(items.size() - 1).seq() : null;
        return new EventPage(roomId, items, next);
    }
}
