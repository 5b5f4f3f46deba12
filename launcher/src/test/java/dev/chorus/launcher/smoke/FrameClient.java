package dev.chorus.launcher.smoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebSocket client that reads JSON frames the way the web client does. */
final class FrameClient implements AutoCloseable {

    private static final long WAIT_SECONDS = 30;

    private final JsonMapper json = JsonMapper.builder().build();
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static FrameClient open(HttpClient http, URI uri) {
        FrameClient client = new FrameClient();
        client.socket = http.newWebSocketBuilder().buildAsync(uri, client.listener()).join();
        return client;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The next frame of this type, skipping others (pongs, events of the join). */
    JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(1, TimeUnit.SECONDS);
            if (frame != null) {
                JsonNode node = json.readTree(frame);
                if (type.equals(node.path("type").asString())) {
                    return node;
                }
                if ("error".equals(node.path("type").asString())) {
                    throw new AssertionError("error frame while waiting for " + type + ": " + frame);
                }
            }
        }
        throw new AssertionError("no " + type + " frame within " + WAIT_SECONDS + " s");
    }

    /** The next event frame carrying a room event of this type. */
    JsonNode nextEvent(String eventType) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            JsonNode event = next("event");
            if (eventType.equals(event.path("event").path("type").asString())) {
                return event;
            }
        }
        throw new AssertionError("no " + eventType + " event within " + WAIT_SECONDS + " s");
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
