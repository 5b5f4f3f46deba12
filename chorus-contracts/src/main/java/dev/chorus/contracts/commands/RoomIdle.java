package dev.chorus.contracts.commands;

import java.time.Instant;

/**
 * A room has had nobody in it since {@code emptySince} (worker-service, from the room's events);
 * room-service ends it if it is live and still empty when the command arrives.
 */
public record RoomIdle(String commandId, Instant issuedAt, String roomId, Instant emptySince) implements Command {
    public static final String TYPE = "room-idle";

    @Override
    public String type() {
        return TYPE;
    }
}
