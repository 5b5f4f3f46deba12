package dev.chorus.contracts.commands;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A unit of work off the request path. Commands travel on the commands exchange with the command's
 * {@code type} as routing key, into a work queue of the same name that has a dead-letter queue.
 * Delivery is at least once: handlers are idempotent, keyed by {@code commandId}, and a command
 * carrying a room {@code seq} older than what a handler has already applied must not undo newer state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = VoiceSetup.class, name = VoiceSetup.TYPE),
    @JsonSubTypes.Type(value = VoiceTeardown.class, name = VoiceTeardown.TYPE),
    @JsonSubTypes.Type(value = VoiceRoleChanged.class, name = VoiceRoleChanged.TYPE),
    @JsonSubTypes.Type(value = VoiceRoomEnded.class, name = VoiceRoomEnded.TYPE),
    @JsonSubTypes.Type(value = VoiceAnswer.class, name = VoiceAnswer.TYPE),
    @JsonSubTypes.Type(value = PresenceLost.class, name = PresenceLost.TYPE),
    @JsonSubTypes.Type(value = RoomIdle.class, name = RoomIdle.TYPE),
})
public sealed interface Command
        permits VoiceSetup, VoiceTeardown, VoiceRoleChanged, VoiceRoomEnded, VoiceAnswer, PresenceLost, RoomIdle {

    String commandId();

    Instant issuedAt();

    String type();
}
