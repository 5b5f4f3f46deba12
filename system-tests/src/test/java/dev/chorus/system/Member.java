package dev.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.chorus.media.peer.PeerOptions;
import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.media.transport.dtls.DtlsCertificate;
import dev.chorus.signaling.support.RoomApi;
import dev.chorus.signaling.support.TestClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One person in a browser: an account, the socket to signaling-service, and the audio connection
 * to the bridge, a synthetic WebRTC peer standing in for the browser's RTCPeerConnection. Voice
 * sessions are applied as the web client applies them: a voice-ready for the current session is
 * answered again on the same connection; one for a new session (another endpoint, e.g. after a
 * failover) replaces the connection.
 */
final class Member implements AutoCloseable {

    /** Voice work crosses RabbitMQ, two services and a bridge: generous for a loaded machine. */
    static final Duration VOICE_WAIT = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PeerOptions PEER_OPTIONS = PeerOptions.DEFAULTS.withConnectTimeout(VOICE_WAIT);

    private final RoomApi.User user;
    private final TestClient socket;
    private final PeerRuntime runtime;
    private SyntheticPeer peer;
    private JsonNode session;

    private Member(RoomApi.User user, TestClient socket, PeerRuntime runtime) {
        this.user = user;
        this.socket = socket;
        this.runtime = runtime;
    }

    /** Signs up, logs in and opens the socket (before joining, so that voice-ready finds it). */
    static Member signUp(RoomApi api, int signalingPort, PeerRuntime runtime, String name) {
        RoomApi.User user = api.newUser(name);
        TestClient socket = TestClient.connect(signalingPort, user.token());
        socket.next("welcome");
        return new Member(user, socket, runtime);
    }

    RoomApi.User user() {
        return user;
    }

    /** Follows the room's events; the socket must be subscribed to send voice answers. */
    void subscribe(String roomId) {
        socket.send(JSON.writeValueAsString(Map.of("type", "subscribe", "roomId", roomId)));
    }

    /**
     * Applies every voice-ready that arrives, in order, until one whose session matches; other
     * frames (room events) pass by, an error frame or a voice-failed fails the test.
     */
    JsonNode awaitSession(String what, Predicate<JsonNode> matching) {
        while (true) {
            JsonNode frame = nextVoiceFrame();
            if (!frame.path("type").asString().equals("voice-ready")) {
                fail("expected a voice-ready (" + what + ") for " + user.username() + ", got " + frame);
            }
            apply(frame.path("session"));
            if (matching.test(session)) {
                return session;
            }
        }
    }

    /**
     * The next voice-failed; voice-ready frames before it (new offers of a session whose bridge is
     * going away) are passed by unanswered.
     */
    JsonNode awaitVoiceFailed() {
        while (true) {
            JsonNode frame = nextVoiceFrame();
            if (frame.path("type").asString().equals("voice-failed")) {
                return frame;
            }
        }
    }

    /** The next voice-ready or voice-failed, skipping room events; voice-ready is not applied. */
    private JsonNode nextVoiceFrame() {
        long deadline = System.nanoTime() + VOICE_WAIT.toNanos();
        while (true) {
            JsonNode frame = socket.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            String type = frame.path("type").asString();
            if (type.equals("error")) {
                fail("signaling answered " + user.username() + " with " + frame);
            }
            if (type.equals("voice-ready") || type.equals("voice-failed")) {
                return frame;
            }
        }
    }

    /** What the web client does with a voice-ready: (re)connect if the session is new, then answer. */
    void apply(JsonNode next) {
        String offer = next.path("sdpOffer").asString();
        boolean sameSession = peer != null && session.path("sessionId").asString().equals(next.path("sessionId").asString());
        if (!sameSession) {
            if (peer != null) {
                peer.close();
            }
            peer = SyntheticPeer.create(runtime, PEER_OPTIONS, DtlsCertificate.generate(), new InetSocketAddress("127.0.0.1", 0));
            peer.connect(SessionDescriptions.bridgeTransport(offer));
        }
        session = next;
        socket.send(JSON.writeValueAsString(Map.of(
                "type", "voice-answer",
                "roomId", next.path("roomId").asString(),
                "sessionId", next.path("sessionId").asString(),
                "sdp", SessionDescriptions.answer(offer, peer, next.path("canSend").asBoolean()))));
    }

    /** Waits until ICE and DTLS with the bridge of the current session are done. */
    void awaitConnected() {
        try {
            peer.connection().get(VOICE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(user.username() + " did not connect to bridge " + session.path("bridge").asString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(peer.isConnected()).isTrue();
    }

    /** Sends audio from now on, with a loud audio level, whether the session lets it through or not. */
    void speak() {
        peer.audioLevel(20, true);
        peer.startSending();
    }

    SyntheticPeer peer() {
        return peer;
    }

    JsonNode session() {
        return session;
    }

    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
        socket.close();
    }
}
