package dev.chorus.signaling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A browser's socket as tests see it: JSON frames in, JSON frames out, over a real connection. */
public final class TestClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private final boolean reading;

    private TestClient(URI uri, boolean reading) {
        this.reading = reading;
        this.socket = HTTP.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    public static TestClient connect(int port, String token) {
        return new TestClient(URI.create("ws://localhost:" + port + "/ws?access_token=" + token), true);
    }

    /** A client that reads nothing until {@link #resume()}, like a browser tab that hangs. */
    public static TestClient connectNotReading(int port, String token) {
        return new TestClient(URI.create("ws://localhost:" + port + "/ws?access_token=" + token), false);
    }

    /** Starts reading (again), taking whatever the server still sends. */
    public void resume() {
        socket.request(Long.MAX_VALUE);
    }

    public TestClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next frame, whatever its type; fails if none comes in time. */
    public JsonNode next() {
        return next(WAIT);
    }

    /** The next frame, waiting at most {@code wait}: for frames that follow slower work (a voice session). */
    public JsonNode next(Duration wait) {
        try {
            JsonNode frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within " + wait).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame, which must be of this type. */
    public JsonNode next(String type) {
        JsonNode frame = next();
        assertThat(frame.path("type").asString()).as("type of " + frame).isEqualTo(type);
        return frame;
    }

    /** Skips frames of other types (e.g. events of other rooms) until one of this type arrives. */
    public JsonNode nextOfType(String type) {
        while (true) {
            JsonNode frame = next();
            if (type.equals(frame.path("type").asString())) {
                return frame;
            }
        }
    }

    public int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the connection without a close handshake, as a crashed browser or lost network would. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(JSON.readTree(text.toString()));
                text.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
