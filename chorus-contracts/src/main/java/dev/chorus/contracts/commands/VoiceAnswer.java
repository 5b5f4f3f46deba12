package dev.chorus.contracts.commands;

import java.time.Instant;

/** A browser's SDP answer to a voice session offer, to be applied on the bridge (signaling-service). */
public record VoiceAnswer(String commandId, Instant issuedAt, String roomId, String userId, String sessionId, String sdp) implements Command {
    public static final String TYPE = "voice-answer";

    @Override
    public String type() {
        return TYPE;
    }
}
