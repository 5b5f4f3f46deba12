package dev.chorus.voice;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls voice-service's internal API over HTTP the way worker-service does; answers status and JSON body. */
public final class VoiceApiClient {

    public record Reply(int status, String contentType, JsonNode body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;

    public VoiceApiClient(int port, String token) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/internal/v1");
        if (token != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        this.http = builder.build();
    }

    public Reply post(String path, Map<String, ?> body) {
        return exchange(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body));
    }

    public Reply put(String path, Map<String, ?> body) {
        return exchange(http.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body));
    }

    public Reply get(String path) {
        return exchange(http.get().uri(path));
    }

    public Reply delete(String path) {
        return exchange(http.delete().uri(path));
    }

    private static Reply exchange(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, res) -> {
            HttpStatusCode status = res.getStatusCode();
            byte[] bytes = res.getBody().readAllBytes();
            MediaType type = res.getHeaders().getContentType();
            return new Reply(status.value(), type == null ? null : type.toString(),
                    bytes.length == 0 ? null : JSON.readTree(bytes));
        });
    }
}
