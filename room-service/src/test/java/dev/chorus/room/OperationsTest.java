package dev.chorus.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What operators and API clients read without an account: the API description, health and metrics. */
class OperationsTest extends RoomServiceIntegrationTest {

    @Test
    void theApiIsDescribedAndBrowsable() {
        var document = api.get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().path("paths").has("/api/v1/rooms/{roomId}/join")).isTrue();
        assertThat(document.body().path("paths").has("/api/v1/auth/login")).isTrue();
        assertThat(text("/swagger-ui.html").statusCode()).isEqualTo(200);
    }

    @Test
    void healthCoversMongoRedisAndRabbit() {
        var health = api.get("/actuator/health", null);
        assertThat(health.status()).as(health.body().toString()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        for (String component : new String[] {"mongo", "redis", "rabbit"}) {
            assertThat(health.body().path("components").path(component).path("status").asString())
                    .as(component).isEqualTo("UP");
        }
    }

    @Test
    void prometheusCountsJoinsAndMessagesAndShowsLiveRooms() {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User ada = api.signUp(unique("ada"));
        String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Measured", "visibility", "public"))
                .text("id");
        api.post("/api/v1/rooms/" + room + "/join", ada.token(), null);
        api.post("/api/v1/rooms/" + room + "/messages", ada.token(), Map.of("text", "counted"));

        String metrics = text("/actuator/prometheus").body();
        assertThat(metrics).contains("chorus_room_joins_total", "chorus_room_messages_total", "chorus_rooms_live",
                "chorus_room_members", "http_server_requests_seconds_bucket");
        assertThat(value(metrics, "chorus_rooms_live")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "chorus_room_joins_total")).isGreaterThanOrEqualTo(2);
    }

    private HttpResponse<String> text(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    /** The value of a metric without labels (or with the first label set) in the Prometheus text format. */
    private static double value(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }
}
