package dev.chorus.contracts.commands;

import java.time.Instant;

/** Release the member's bridge endpoint (room-service, on leave or removal). */
public record VoiceTeardown(String commandId, Instant issuedAt, String roomId, String userId, long seq) implements Command {
    public static final String TYPE = "voice-teardown";

    @Override
    public String type() {
        return TYPE;
    }
}
