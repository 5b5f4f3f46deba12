package dev.chorus.room.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** Creates the Mongo indexes the queries rely on; creating an existing index is a no-op. */
@Component
class IndexSetup {

    private final MongoTemplate mongo;

    IndexSetup(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureIndexes() {
        mongo.indexOps("users").createIndex(new Index("usernameKey", Sort.Direction.ASC).unique());
        mongo.indexOps("messages").createIndex(new Index("roomId", Sort.Direction.ASC).on("seq", Sort.Direction.DESC));
        mongo.indexOps("rooms").createIndex(new Index("status", Sort.Direction.ASC).on("scheduledStart", Sort.Direction.ASC));
        mongo.indexOps("room_events").createIndex(new Index("roomId", Sort.Direction.ASC).on("seq", Sort.Direction.ASC).unique());
    }
}
