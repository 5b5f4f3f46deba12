package dev.chorus.contracts.commands;

import dev.chorus.contracts.events.Role;
import java.time.Instant;

/** Prepare the member's voice session (room-service, on join). {@code region} is the member's preferred region or {@code null} for the default; {@code seq} is the room sequence of the join. */
public record VoiceSetup(String commandId, Instant issuedAt, String roomId, String userId, Role role, boolean muted, String region, long seq) implements Command {
    public static final String TYPE = "voice-setup";

    @Override
    public String type() {
        return TYPE;
    }
}
