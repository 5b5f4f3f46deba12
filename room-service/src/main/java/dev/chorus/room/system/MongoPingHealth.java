package dev.chorus.room.system;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Mongo health by {@code ping}, which every Mongo-protocol server answers. It replaces Boot's own
 * indicator (same bean name), whose {@code hello} command the embedded Mongo-protocol server of the
 * one-JVM launcher does not know, so health would read DOWN while Mongo works.
 */
@Component("mongoHealthIndicator")
class MongoPingHealth extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    MongoPingHealth(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", answer.get("ok"));
    }
}
