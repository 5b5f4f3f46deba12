package dev.chorus.contracts.commands;

import java.time.Instant;
import java.util.List;

/** A user's socket closed and did not come back within the grace period (signaling-service); room-service removes the member from those rooms by its own rules. */
public record PresenceLost(String commandId, Instant issuedAt, String userId, String nodeId, List<String> roomIds) implements Command {
    public static final String TYPE = "presence-lost";

    @Override
    public String type() {
        return TYPE;
    }
}
