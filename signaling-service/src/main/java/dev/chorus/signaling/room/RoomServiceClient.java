package dev.chorus.signaling.room;

import dev.chorus.signaling.SignalingProperties;
import dev.chorus.signaling.frame.ErrorCode;
import dev.chorus.signaling.frame.FrameException;
import java.net.http.HttpClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * room-service's REST API, called with the user's own token so that room-service applies its own
 * rules (members only, who may mute whom). Refusals become {@link FrameException}s naming the room.
 */
@Component
public class RoomServiceClient {

    private static final Logger log = LoggerFactory.getLogger(RoomServiceClient.class);

    private final RestClient rest;
    private final JsonMapper json;

    public RoomServiceClient(SignalingProperties properties, JsonMapper json) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.rest = RestClient.builder().baseUrl(properties.roomServiceUrl().toString()).requestFactory(requests).build();
        this.json = json;
    }

    /** The room's snapshot as room-service answers it; only members get one. */
    public JsonNode snapshot(String accessToken, String roomId) {
        try {
            String body = rest.get().uri("/api/v1/rooms/{id}/snapshot", roomId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .retrieve().body(String.class);
            return json.readTree(body);
        } catch (HttpStatusCodeException e) {
            throw refusal(e, roomId, "snapshot");
        } catch (RestClientException | JacksonException e) {
            throw unavailable(e, roomId, "snapshot");
        }
    }

    /** Mutes or unmutes the user themself; room-service publishes {@code mute-changed} on success. */
    public void setOwnMute(String accessToken, String roomId, String userId, boolean muted) {
        try {
            (muted ? rest.post() : rest.delete()).uri("/api/v1/rooms/{id}/members/{userId}/mute", roomId, userId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .retrieve().toBodilessEntity();
        } catch (HttpStatusCodeException e) {
            throw refusal(e, roomId, "mute");
        } catch (RestClientException e) {
            throw unavailable(e, roomId, "mute");
        }
    }

    private FrameException refusal(HttpStatusCodeException e, String roomId, String call) {
        HttpStatusCode status = e.getStatusCode();
        String detail = detailOf(e);
        if (status.is5xxServerError()) {
            return unavailable(e, roomId, call);
        }
        ErrorCode code = switch (status.value()) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 404 -> ErrorCode.NOT_A_MEMBER;
            case 403 -> call.equals("snapshot") ? ErrorCode.NOT_A_MEMBER : ErrorCode.REJECTED;
            default -> ErrorCode.REJECTED;
        };
        return new FrameException(code, detail != null ? detail : "room-service refused the " + call + " (" + status.value() + ")", roomId);
    }

    private FrameException unavailable(Exception e, String roomId, String call) {
        log.warn("room-service {} for room {} failed: {}", call, roomId, e.toString());
        return new FrameException(ErrorCode.UNAVAILABLE, "room-service is unavailable, try again", roomId);
    }

    private String detailOf(HttpStatusCodeException e) {
        try {
            JsonNode problem = json.readTree(e.getResponseBodyAsString());
            return problem != null && problem.has("detail") ? problem.get("detail").asString() : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
