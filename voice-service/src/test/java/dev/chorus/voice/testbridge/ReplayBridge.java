package dev.chorus.voice.testbridge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server on a loopback port that answers as the captured Jitsi Videobridge did.
 *
 * <p>Two ways to use it. {@link #replayNext(Capture)} answers the next request with one capture as
 * recorded, byte for byte (contract tests). Otherwise it keeps conferences and endpoints the way the
 * captured bridge did and answers each request with the captured answer of that kind, with the
 * conference and endpoint ids of the request put in: create (03), add endpoint (04), transport and
 * sources (05), expire endpoint (10), expire conference (13), unknown conference (15/20: 404, empty),
 * duplicate or unknown endpoint (27/28: 400, empty), health (08) and stats (09); relays as Jitsi
 * Videobridge answers them (see {@link #relay}). Every request is recorded for assertions.
 * {@link #requireToken(String)} makes it refuse callers without the token. {@link #stop()} kills it
 * like a crashed bridge.
 */
public final class ReplayBridge implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as received; {@code authorization} is its Authorization header, null when absent. */
    public record Request(String method, String path, JsonNode body, String authorization) {
    }

    private final HttpServer server;
    private final Deque<Capture> scripted = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Set<String>> conferences = new HashMap<>();
    private final Map<String, Set<String>> relays = new HashMap<>();
    private int relaysToRefuse;
    private final Capture create = Capture.load("03-create-conference");
    private final Capture addEndpoint = Capture.load("04-add-second-endpoint");
    private final Capture stats = Capture.load("09-stats");
    private String requiredToken;

    public ReplayBridge() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * From now on, answers 401 to every {@code /colibri/*} request that does not carry
     * {@code Authorization: Bearer <token>}, as media-sfu does with {@code chorus.sfu.api-token} set.
     */
    public synchronized void requireToken(String token) {
        requiredToken = token;
    }

    /** Answers the next {@code count} relay creations with a 503 problem, as a bridge out of relay ports. */
    public synchronized void refuseRelays(int count) {
        relaysToRefuse = count;
    }

    public synchronized void replayNext(Capture capture) {
        scripted.add(capture);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    /** The last request that changed something (POST or PATCH), whatever health polls came after it. */
    public synchronized Request lastChange() {
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (!requests.get(i).method().equals("GET")) {
                return requests.get(i);
            }
        }
        throw new IllegalStateException("no POST or PATCH received");
    }

    /** Endpoints currently allocated, over all conferences. */
    public synchronized int endpointCount() {
        return conferences.values().stream().mapToInt(Set::size).sum();
    }

    public synchronized int conferenceCount() {
        return conferences.size();
    }

    /** The ids of the relays of one conference (empty when it has none or is gone). */
    public synchronized Set<String> relays(String meetingId) {
        return Set.copyOf(relays.getOrDefault(meetingId, Set.of()));
    }

    /** The requests that changed relays, in order. */
    public synchronized List<Request> relayRequests() {
        return requests.stream().filter(r -> r.body() != null && r.body().has("relays")).toList();
    }

    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            synchronized (this) {
                JsonNode json = body.isBlank() ? null : parseOrNull(body);
                String path = exchange.getRequestURI().getPath();
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                requests.add(new Request(exchange.getRequestMethod(), path, json, authorization));
                if (requiredToken != null && path.startsWith("/colibri/") && !("Bearer " + requiredToken).equals(authorization)) {
                    answer = new Answer(401, Map.of("Content-Type", "application/problem+json"),
                            "{\"status\":401,\"detail\":\"bearer token required\"}".getBytes(StandardCharsets.UTF_8));
                } else {
                    Capture next = scripted.poll();
                    answer = next != null ? Answer.of(next) : behave(exchange.getRequestMethod(), path, json);
                }
            }
            answer.headers.forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Date")) {
                    exchange.getResponseHeaders().add(k, v);
                }
            });
            exchange.sendResponseHeaders(answer.status, answer.body.length == 0 ? -1 : answer.body.length);
            if (answer.body.length > 0) {
                exchange.getResponseBody().write(answer.body);
            }
        }
    }

    private Answer behave(String method, String path, JsonNode body) {
        if (method.equals("GET") && path.equals("/about/health")) {
            return Answer.of(Capture.load("08-health"));
        }
        if (method.equals("GET") && path.equals("/colibri/stats")) {
            return Answer.of(stats);
        }
        if (method.equals("POST") && path.equals("/colibri/v2/conferences")) {
            String meetingId = body.path("meeting-id").asString();
            if (conferences.containsKey(meetingId)) {
                return Answer.of(Capture.load("21-post-existing-conf"));
            }
            conferences.put(meetingId, new HashSet<>());
            return createEndpoints(create, meetingId, body);
        }
        if (method.equals("PATCH") && path.startsWith("/colibri/v2/conferences/")) {
            String meetingId = path.substring("/colibri/v2/conferences/".length());
            Set<String> endpoints = conferences.get(meetingId);
            if (endpoints == null) {
                return Answer.of(Capture.load("20-patch-unknown-conf"));
            }
            if (body.path("expire").asBoolean(false)) {
                conferences.remove(meetingId);
                relays.remove(meetingId);
                return Answer.of(Capture.load("13-expire-conference"));
            }
            if (body.has("relays")) {
                return relay(meetingId, body.path("relays").path(0));
            }
            JsonNode endpoint = body.path("endpoints").path(0);
            String id = endpoint.path("id").asString();
            if (endpoint.path("create").asBoolean(false)) {
                if (endpoints.contains(id)) {
                    return Answer.of(Capture.load("27-create-ep-duplicate"));
                }
                return createEndpoints(addEndpoint, meetingId, body);
            }
            if (!endpoints.contains(id)) {
                return Answer.of(Capture.load("28-patch-unknown-endpoint"));
            }
            if (endpoint.path("expire").asBoolean(false)) {
                endpoints.remove(id);
                return new Answer(200, Map.of("Content-Type", "application/json"),
                        ("{\"endpoints\":[{\"id\":\"" + id + "\",\"expire\":true}]}").getBytes(StandardCharsets.UTF_8));
            }
            return new Answer(200, Map.of("Content-Type", "application/json"),
                    ("{\"endpoints\":[{\"id\":\"" + id + "\"}]}").getBytes(StandardCharsets.UTF_8));
        }
        return Answer.of(Capture.load("17-get-conference-list"));
    }

    /**
     * Relays as Jitsi Videobridge handles them (no capture exists): a create is answered with the
     * relay's transport (the captured bridge transport of an allocation), an expire with its echo,
     * anything else with the relay's id; an unknown relay is a 400 with an empty body.
     */
    private Answer relay(String meetingId, JsonNode relay) {
        String id = relay.path("id").asString();
        Set<String> known = relays.computeIfAbsent(meetingId, m -> new HashSet<>());
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode echo = answer.putArray("relays").addObject().put("id", id);
        if (relay.path("expire").asBoolean(false)) {
            known.remove(id);
            echo.put("expire", true);
        } else if (relay.path("create").asBoolean(false) && relaysToRefuse > 0) {
            relaysToRefuse--;
            return new Answer(503, Map.of("Content-Type", "application/problem+json"),
                    "{\"status\":503,\"detail\":\"No UDP port is free for relay\"}".getBytes(StandardCharsets.UTF_8));
        } else if (relay.path("create").asBoolean(false)) {
            known.add(id);
            JsonNode allocated = JSON.readTree(create.responseText()).path("endpoints").path(0).path("transport");
            echo.set("transport", allocated);
        } else if (!known.contains(id)) {
            return Answer.of(Capture.load("28-patch-unknown-endpoint"));
        }
        return new Answer(200, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(answer));
    }

    private Answer createEndpoints(Capture capture, String meetingId, JsonNode body) {
        JsonNode endpoint = body.path("endpoints").path(0);
        String requested = endpoint.path("id").asString();
        if (!endpoint.path("capabilities").toString().contains("source-names")) {
            return Answer.of(Capture.load("25-create-ep-no-srcnames"));
        }
        conferences.get(meetingId).add(requested);
        ObjectNode answer = (ObjectNode) JSON.readTree(capture.responseText());
        ((ObjectNode) answer.path("endpoints").path(0)).put("id", requested);
        return new Answer(200, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(answer));
    }

    private static JsonNode parseOrNull(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer of(Capture capture) {
            return new Answer(capture.status(), capture.headers(), capture.responseBody());
        }
    }
}
