package dev.chorus.room;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the tests: real requests to the running service, answers as JSON trees. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Answer(int status, JsonNode body, String contentType) {

        String text(String field) {
            return body.path(field).asString();
        }
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null);
    }

    Answer post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    Answer patch(String path, String token, Object body) {
        return send("PATCH", path, token, body);
    }

    Answer delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    Answer send(String method, String path, String token, Object body) {
        return send(method, path, token, body, Map.of());
    }

    /** A POST carrying extra headers, as a gateway adds them. */
    Answer post(String path, String token, Object body, Map<String, String> headers) {
        return send("POST", path, token, body, headers);
    }

    private Answer send(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            headers.forEach(request::header);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode tree = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), tree, response.headers().firstValue("Content-Type").orElse(""));
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** A plain-text answer body, for endpoints that do not speak JSON. */
    String raw(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    /** Registers a user and logs in; answers the user's id and access token. */
    User signUp(String username) {
        Answer registered = post("/api/v1/auth/register", null,
                java.util.Map.of("username", username, "displayName", "User " + username, "password", "correct horse"));
        if (registered.status() != 201) {
            throw new IllegalStateException("register " + username + ": " + registered);
        }
        Answer login = post("/api/v1/auth/login", null,
                java.util.Map.of("username", username, "password", "correct horse"));
        return new User(registered.text("id"), username, login.text("accessToken"));
    }

    record User(String id, String username, String token) {
    }
}
