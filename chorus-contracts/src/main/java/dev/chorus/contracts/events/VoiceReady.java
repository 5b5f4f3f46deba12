package dev.chorus.contracts.events;

import dev.chorus.contracts.voice.VoiceSession;
import java.time.Instant;

/**
 * The user's voice session in a room is ready (first time, after a role change that needs a new
 * offer, or after the room moved to another bridge): the browser builds or renegotiates its
 * RTCPeerConnection from {@code session}.
 */
public record VoiceReady(String userId, String roomId, Instant at, VoiceSession session) implements UserEvent {
    public static final String TYPE = "voice-ready";

    @Override
    public String type() {
        return TYPE;
    }
}
