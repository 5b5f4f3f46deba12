package dev.chorus.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What operators and API developers read: health with its dependencies, metrics, the API description. */
class OperationsEndpointsTest extends RoomServiceIntegrationTest {

    @Test
    void healthReportsMongoRedisAndRabbit() {
        ApiClient.Answer health = api.get("/actuator/health", null);

        assertThat(health.status()).as(health.body().toString()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.body().path("components").propertyNames()).contains("mongo", "redis", "rabbit");
    }

    @Test
    void prometheusCountsJoinsAndMessages() {
        ApiClient.User host = api.signUp(unique("host"));
        String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Metrics", "visibility", "public")).text("id");
        api.post("/api/v1/rooms/" + room + "/messages", host.token(), Map.of("text", "counted"));

        String metrics = new ApiClient(port).raw("/actuator/prometheus");

        assertThat(metrics).contains("chorus_room_joins_total", "chorus_room_messages_total", "chorus_rooms_live",
                "chorus_room_members", "http_server_requests_seconds_bucket");
    }

    @Test
    void theOpenApiDocumentDescribesTheRoomsApi() {
        ApiClient.Answer docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").propertyNames())
                .contains("/api/v1/rooms", "/api/v1/rooms/{roomId}/join", "/api/v1/rooms/{roomId}/messages");
    }
}
