package dev.chorus.signaling.frame;

import tools.jackson.databind.JsonNode;

/** What a browser may send over its socket; {@link FrameReader} turns JSON text into one of these. */
public sealed interface ClientFrame {

    record Subscribe(String roomId) implements ClientFrame {
    }

    record Unsubscribe(String roomId) implements ClientFrame {
    }

    /** The client saw a gap or lost track: send it a fresh snapshot of a room it is subscribed to. */
    record Resync(String roomId) implements ClientFrame {
    }

    /** {@code id} is echoed in the pong as it came (any JSON value), or absent. */
    record Ping(JsonNode id) implements ClientFrame {
    }

    record VoiceAnswer(String roomId, String sessionId, String sdp) implements ClientFrame {
    }

    record Mute(String roomId, boolean muted) implements ClientFrame {
    }
}
