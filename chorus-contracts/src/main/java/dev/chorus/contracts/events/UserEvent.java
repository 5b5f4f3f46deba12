package dev.chorus.contracts.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * An event for one user rather than for a whole room: it reaches only the signaling node that holds
 * that user's socket. It travels on the room-events topic exchange with routing key
 * {@code user.<userId>.<type>} and carries no room sequence number.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = VoiceReady.class, name = VoiceReady.TYPE),
    @JsonSubTypes.Type(value = VoiceFailed.class, name = VoiceFailed.TYPE),
})
public sealed interface UserEvent permits VoiceReady, VoiceFailed {

    String userId();

    String roomId();

    Instant at();

    String type();
}
