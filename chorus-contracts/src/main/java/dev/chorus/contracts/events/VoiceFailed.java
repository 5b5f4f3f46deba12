package dev.chorus.contracts.events;

import java.time.Instant;

/**
 * The user's voice session could not be prepared. {@code reason} is a stable code
 * ({@code no-bridge}, {@code bridge-error}, {@code retries-exhausted}, ...) and {@code message}
 * says it for people.
 */
public record VoiceFailed(String userId, String roomId, Instant at, String reason, String message)
        implements UserEvent {
    public static final String TYPE = "voice-failed";

    @Override
    public String type() {
        return TYPE;
    }
}
