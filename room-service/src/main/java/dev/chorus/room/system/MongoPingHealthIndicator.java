package dev.chorus.room.system;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Mongo health by {@code ping} on the service's own database. Replaces Boot's indicator (which asks
 * {@code hello}), because the in-process Mongo-protocol server the launcher and tests use does not
 * know {@code hello}; every MongoDB answers {@code ping}. Named so that Boot's indicator steps back.
 */
@Component("mongoHealthContributor")
class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private static final Document PING = new Document("ping", 1);

    private final MongoTemplate mongo;

    MongoPingHealthIndicator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        mongo.executeCommand(PING);
        builder.up().withDetail("database", mongo.getDb().getName());
    }
}
