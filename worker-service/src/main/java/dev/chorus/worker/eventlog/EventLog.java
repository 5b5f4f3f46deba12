package dev.chorus.worker.eventlog;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The room event log, collection {@code room_events}: one document per room event
 * {@code {roomId, seq, type, at, actorId, event}}, unique on (roomId, seq) so a redelivered event is
 * never stored twice. room-service reads it to serve room history.
 */
@Component
public class EventLog {

    public static final String COLLECTION = "room_events";

    private final MongoCollection<Document> events;

    EventLog(MongoTemplate mongo) {
        this.events = mongo.getCollection(COLLECTION);
        events.createIndex(Indexes.ascending("roomId", "seq"), new IndexOptions().unique(true).name("room_seq"));
    }

    /** Appends the event; answers false when the room already has an event with this seq. */
    public boolean append(String roomId, long seq, String type, Instant at, String actorId, Document event) {
        Document entry = new Document("roomId", roomId).append("seq", seq).append("type", type)
                .append("at", at == null ? null : Date.from(at)).append("actorId", actorId).append("event", event);
        try {
            events.insertOne(entry);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
