package dev.chorus.contracts.commands;

import dev.chorus.contracts.events.Role;
import java.time.Instant;

/** A member's role or mute state changed: the bridge must force-mute or let the member's audio through (room-service). */
public record VoiceRoleChanged(String commandId, Instant issuedAt, String roomId, String userId, Role role, boolean muted, long seq) implements Command {
    public static final String TYPE = "role-changed";

    @Override
    public String type() {
        return TYPE;
    }
}
