package dev.chorus.contracts.commands;

import java.time.Instant;

/** The room ended: expire its conference on every bridge (room-service). */
public record VoiceRoomEnded(String commandId, Instant issuedAt, String roomId, long seq) implements Command {
    public static final String TYPE = "voice-room-ended";

    @Override
    public String type() {
        return TYPE;
    }
}
