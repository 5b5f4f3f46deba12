package dev.chorus.signaling.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** room-service's REST API, as a browser uses it, for setting up what the sockets then observe. */
public final class RoomApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct horse battery";

    private final String baseUrl;

    public RoomApi(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record User(String id, String username, String token) {
    }

    /** Registers a user with a fresh name and logs in. */
    public User newUser(String name) {
        String username = name + UUID.randomUUID().toString().substring(0, 6);
        call("POST", "/api/v1/auth/register", null, Map.of("username", username, "displayName", name, "password", PASSWORD));
        JsonNode login = call("POST", "/api/v1/auth/login", null, Map.of("username", username, "password", PASSWORD));
        return new User(login.path("user").path("id").asString(), username, login.path("accessToken").asString());
    }

    public String createRoom(User host, String title) {
        return call("POST", "/api/v1/rooms", host.token(), Map.of("title", title, "visibility", "public")).path("id").asString();
    }

    public JsonNode join(User user, String roomId) {
        return call("POST", "/api/v1/rooms/" + roomId + "/join", user.token(), Map.of());
    }

    /** Joins from a region (the bridge region the client asks for). */
    public JsonNode join(User user, String roomId, String region) {
        return call("POST", "/api/v1/rooms/" + roomId + "/join", user.token(), Map.of("region", region));
    }

    public JsonNode inviteToSpeak(User moderator, String roomId, User member) {
        return call("POST", "/api/v1/rooms/" + roomId + "/members/" + member.id() + "/invite", moderator.token(), null);
    }

    public JsonNode acceptInvitation(User user, String roomId) {
        return call("POST", "/api/v1/rooms/" + roomId + "/invitation/accept", user.token(), null);
    }

    public JsonNode moveToAudience(User moderator, String roomId, User member) {
        return call("POST", "/api/v1/rooms/" + roomId + "/members/" + member.id() + "/move-to-audience", moderator.token(), null);
    }

    public JsonNode endRoom(User moderator, String roomId) {
        return call("POST", "/api/v1/rooms/" + roomId + "/end", moderator.token(), null);
    }

    public JsonNode postMessage(User user, String roomId, String text) {
        return call("POST", "/api/v1/rooms/" + roomId + "/messages", user.token(), Map.of("text", text));
    }

    public JsonNode raiseHand(User user, String roomId) {
        return call("POST", "/api/v1/rooms/" + roomId + "/hand", user.token(), null);
    }

    public JsonNode snapshot(User user, String roomId) {
        return call("GET", "/api/v1/rooms/" + roomId + "/snapshot", user.token(), null);
    }

    private JsonNode call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
