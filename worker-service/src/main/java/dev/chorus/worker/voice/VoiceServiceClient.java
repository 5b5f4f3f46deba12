package dev.chorus.worker.voice;

import dev.chorus.contracts.events.Role;
import dev.chorus.contracts.voice.VoiceSession;
import dev.chorus.worker.WorkerProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** voice-service's internal API, authenticated with the shared service token. */
@Component
public class VoiceServiceClient {

    /** A role change's outcome: the member's session, and whether it must be sent to the member again. */
    public record RoleUpdate(VoiceSession session, boolean renegotiate) {
    }

    private final RestClient http;
    private final JsonMapper json;

    VoiceServiceClient(WorkerProperties properties, JsonMapper json) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.http = RestClient.builder()
                .requestFactory(requests)
                .baseUrl(properties.voiceServiceUrl().toString().replaceAll("/+$", "") + "/internal/v1")
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.serviceToken())
                .build();
        this.json = json;
    }

    public VoiceSession openSession(String roomId, String userId, Role role, boolean muted, String region) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", role);
        body.put("muted", muted);
        body.put("region", region);
        return json.treeToValue(send(http.post().uri("/rooms/{room}/members/{user}/session", roomId, userId)
                .contentType(MediaType.APPLICATION_JSON).body(body)), VoiceSession.class);
    }

    public void applyAnswer(String roomId, String userId, String sessionId, String sdp) {
        send(http.post().uri("/rooms/{room}/members/{user}/session/answer", roomId, userId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("sessionId", sessionId, "sdp", sdp)));
    }

    public RoleUpdate changeRole(String roomId, String userId, Role role, boolean muted) {
        return json.treeToValue(send(http.put().uri("/rooms/{room}/members/{user}/session/role", roomId, userId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("role", role, "muted", muted))), RoleUpdate.class);
    }

    public void closeSession(String roomId, String userId) {
        send(http.delete().uri("/rooms/{room}/members/{user}/session", roomId, userId));
    }

    public void endRoom(String roomId) {
        send(http.delete().uri("/rooms/{room}", roomId));
    }

    private JsonNode send(RestClient.RequestHeadersSpec<?> request) {
        try {
            return request.exchange((req, response) -> {
                byte[] body = response.getBody().readAllBytes();
                JsonNode node = body.length == 0 ? json.createObjectNode() : json.readTree(body);
                int status = response.getStatusCode().value();
                if (status >= 300) {
                    throw new VoiceServiceException(status, node.path("code").asString("http-" + status),
                            "voice-service answered " + status + ": " + node.path("detail").asString(""), null);
                }
                return node;
            });
        } catch (ResourceAccessException e) {
            throw new VoiceServiceException(0, "unreachable", "voice-service did not answer: " + e.getMessage(), e);
        }
    }
}
