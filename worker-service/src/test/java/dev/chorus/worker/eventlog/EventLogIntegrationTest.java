package dev.chorus.worker.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.contracts.events.HandRaised;
import dev.chorus.contracts.events.MemberJoined;
import dev.chorus.contracts.events.MessagePosted;
import dev.chorus.contracts.events.Role;
import dev.chorus.contracts.events.RoomEvent;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.testsupport.ChorusServersInitializer;
import dev.chorus.worker.WorkerTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/** Room events published on the exchange end up in Mongo's room_events once each, whatever the redeliveries. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ChorusServersInitializer.class)
class EventLogIntegrationTest {

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    ChorusTopology topology;
    @Autowired
    MongoTemplate mongo;

    @Test
    void everyRoomEventIsAppendedOnceInSequence() {
        String room = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<RoomEvent> events = List.of(
                new MemberJoined(room, 2, at, "ann", "ann", "Ann", Role.HOST),
                new HandRaised(room, 3, at, "bob", "bob"),
                new MessagePosted(room, 4, at, "ann", "m1", "ann", "Ann", "hello"));

        for (RoomEvent event : events) {
            publish(event);
        }
        publish(events.get(1)); // redelivered

        await().atMost(Duration.ofSeconds(60)).until(() -> stored(room).size() == 3);
        List<Document> log = stored(room);
        assertThat(log).extracting(d -> d.get("seq")).containsExactly(2L, 3L, 4L);
        assertThat(log).extracting(d -> d.getString("type")).containsExactly("member-joined", "hand-raised", "message-posted");
        assertThat(log.get(0).getString("actorId")).isEqualTo("ann");
        assertThat(log.get(0).get("at", Date.class).toInstant()).isEqualTo(at);
        assertThat(log.get(2).get("event", Document.class).getString("text")).isEqualTo("hello");
    }

    private void publish(RoomEvent event) {
        WorkerTestSupport.sendRaw(rabbit, topology.roomEventsExchangeName(),
                ChorusTopology.roomRoutingKey(event.roomId(), event.type()), WorkerTestSupport.json(event));
    }

    private List<Document> stored(String room) {
        List<Document> found = new ArrayList<>();
        mongo.getCollection(EventLog.COLLECTION).find(new Document("roomId", room)).sort(new Document("seq", 1)).into(found);
        return found;
    }
}
