package dev.chorus.launcher.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.launcher.services.ServiceCatalog;
import dev.chorus.launcher.services.ServiceDefinition;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the packaged launcher as a process, uses it as a browser would over its one public port,
 * stops it with SIGTERM and checks that nothing it started is left behind. It checks every service
 * this build of the launcher contains (those on its class path), so it grows as services land.
 */
class LauncherSmokeIT {

    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final Duration SHUTDOWN = Duration.ofMinutes(1);
    /** What a JVM stopped by SIGTERM returns after running its shutdown hooks. */
    private static final int EXIT_ON_SIGTERM = 143;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> expected = ServiceCatalog.ALL.stream().map(ServiceDefinition::name)
            .filter(name -> ClassUtils.isPresent(mainClassOf(name), getClass().getClassLoader())).toList();

    @TempDir
    Path dataDir;

    private LauncherProcess launcher;
    private URI base;

    @AfterEach
    void killLeftovers() {
        if (launcher != null) {
            launcher.kill();
        }
    }

    @Test
    void servesThePlatformOnOnePortAndStopsCleaningUpAfterItself() throws Exception {
        Path jar = Path.of(System.getProperty("chorus.launcher.jar"));
        assertThat(jar).isRegularFile();
        int httpPort = freeTcpPort();
        int udpPort = freeUdpPort();
        base = URI.create("http://127.0.0.1:" + httpPort);

        launcher = LauncherProcess.start(jar, dataDir, httpPort, udpPort);
        launcher.awaitReady(STARTUP);
        String report = String.join("\n", launcher.output());
        assertThat(report).contains("http://localhost:" + httpPort + "/").contains(dataDir.toString()).contains("started in");
        for (String service : expected) {
            URI internal = URI.create(reportedAddress(service));
            assertThat(get(internal.resolve("/actuator/health")).statusCode()).as(service + " health").isEqualTo(200);
        }
        if (expected.contains(ServiceCatalog.MEDIA_SFU)) {
            assertThat(report).contains("127.0.0.1:" + udpPort);
            inProcessBridgeAnswersOnlyVoiceService(URI.create(reportedAddress(ServiceCatalog.MEDIA_SFU)));
        }
        assertThat(get(base.resolve("/launcher/health")).body()).contains("\"UP\"");
        if (getClass().getClassLoader().getResource("META-INF/resources/index.html") != null) {
            HttpResponse<String> page = get(base.resolve("/"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).contains("<div id=");
        }

        Session session = expected.contains(ServiceCatalog.ROOM) ? registerAndCreateRoom() : null;
        if (!expected.contains(ServiceCatalog.ROOM)) {
            HttpResponse<String> absent = get(base.resolve("/api/v1/rooms"));
            assertThat(absent.statusCode()).isEqualTo(503);
            assertThat(absent.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        if (expected.contains(ServiceCatalog.SIGNALING)) {
            assertThat(webSocketRefusal("/ws")).as("socket without a token").isEqualTo(401);
            if (session != null) {
                receivesTheRoomsEventsOverTheSocket(session);
            }
        } else {
            assertThat(webSocketRefusal("/ws?access_token=x")).isEqualTo(503);
        }

        stopCleanly();

        if (session != null) {
            // Accounts and rooms live in the data directory: a new launcher on it knows them.
            launcher = LauncherProcess.start(jar, dataDir, httpPort, udpPort);
            launcher.awaitReady(STARTUP);
            String token = login(session.username());
            HttpResponse<String> room = send("GET", "/api/v1/rooms/" + session.roomId(), token, null);
            assertThat(room.statusCode()).isEqualTo(200);
            assertThat(json.readTree(room.body()).get("title").asString()).isEqualTo(session.title());
            stopCleanly();
        }
    }

    /**
     * The bridge's Colibri2 API refuses callers without the launcher's token, while voice-service,
     * which has it, polls its stats (seen in the bridge's own request meters); the bridge's meters
     * are served from its own context although every service shares this JVM.
     */
    private void inProcessBridgeAnswersOnlyVoiceService(URI bridge) throws Exception {
        assertThat(get(bridge.resolve("/colibri/stats")).statusCode()).as("bridge stats without a token").isEqualTo(401);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String metrics = get(bridge.resolve("/actuator/prometheus")).body();
        while (!pollsAnswered(metrics) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            metrics = get(bridge.resolve("/actuator/prometheus")).body();
        }
        assertThat(pollsAnswered(metrics)).as("voice-service's stats polls answered 200:\n" + metrics).isTrue();
        assertThat(metrics).contains("chorus_sfu_endpoints").contains("chorus_sfu_packets_total{direction=\"out\"}")
                .doesNotContain("chorus_rooms_live");
    }

    private static boolean pollsAnswered(String metrics) {
        return metrics.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("uri=\"/colibri/stats\"") && line.contains("status=\"200\""));
    }

    private record Session(String username, String token, String roomId, String title) {
    }

    private Session registerAndCreateRoom() throws Exception {
        String username = "smoke" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = send("POST", "/api/v1/auth/register", null,
                Map.of("username", username, "displayName", "Smoke Test", "password", "correct horse battery"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String token = login(username);
        String title = "Launcher smoke " + username;
        HttpResponse<String> created = send("POST", "/api/v1/rooms", token, Map.of("title", title, "visibility", "public"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode room = json.readTree(created.body());
        assertThat(room.get("title").asString()).isEqualTo(title);
        assertThat(get(base.resolve("/.well-known/jwks.json")).body()).contains("\"keys\"");
        return new Session(username, token, room.get("id").asString(), title);
    }

    private String login(String username) throws Exception {
        HttpResponse<String> login = send("POST", "/api/v1/auth/login", null,
                Map.of("username", username, "password", "correct horse battery"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).get("accessToken").asString();
    }

    /** Join, subscribe (snapshot), then post a chat message and see its event arrive on the socket. */
    private void receivesTheRoomsEventsOverTheSocket(Session session) throws Exception {
        HttpResponse<String> joined = send("POST", "/api/v1/rooms/" + session.roomId() + "/join", session.token(), Map.of());
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        try (FrameClient socket = FrameClient.open(http, URI.create("ws://" + base.getAuthority() + "/ws?access_token=" + session.token()))) {
            assertThat(socket.next("welcome").get("userId").asString()).isNotBlank();
            socket.send(json.writeValueAsString(Map.of("type", "subscribe", "roomId", session.roomId())));
            JsonNode snapshot = socket.next("snapshot");
            assertThat(snapshot.get("roomId").asString()).isEqualTo(session.roomId());
            assertThat(snapshot.get("snapshot").get("title").asString()).isEqualTo(session.title());

            HttpResponse<String> posted = send("POST", "/api/v1/rooms/" + session.roomId() + "/messages", session.token(),
                    Map.of("text", "hello from the smoke test"));
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
            JsonNode event = socket.nextEvent("message-posted");
            assertThat(event.get("roomId").asString()).isEqualTo(session.roomId());
        }
    }

    private void stopCleanly() throws Exception {
        List<ProcessHandle> children = launcher.children();
        assertThat(children).as("the embedded redis-server runs as a child process").isNotEmpty();
        int exit = launcher.stop(SHUTDOWN);
        assertThat(exit).as(launcher.tail()).isEqualTo(EXIT_ON_SIGTERM);
        for (ProcessHandle child : children) {
            assertThat(child.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("child " + child.pid()).isFalse();
        }
        assertThat(String.join("\n", launcher.output())).contains("Chorus stopped");
        launcher = null;
    }

    private String reportedAddress(String service) {
        return launcher.output().stream()
                .map(String::trim)
                .filter(line -> line.startsWith(service + " "))
                .map(line -> line.substring(service.length()).trim())
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " missing from the startup report:\n" + launcher.tail()));
    }

    private int webSocketRefusal(String path) throws Exception {
        try {
            http.newWebSocketBuilder().buildAsync(URI.create("ws://" + base.getAuthority() + path), new WebSocket.Listener() {
            }).join().abort();
            throw new AssertionError("socket on " + path + " was accepted");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String mainClassOf(String service) {
        return ServiceCatalog.ALL.stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().mainClass();
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
