package dev.chorus.signaling.frame;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.JsonNode;

/** What the server sends to a browser; JSON with a {@code type} field, fields left out when null. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerFrame.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = ServerFrame.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = ServerFrame.Event.class, name = "event"),
    @JsonSubTypes.Type(value = ServerFrame.VoiceReady.class, name = "voice-ready"),
    @JsonSubTypes.Type(value = ServerFrame.VoiceFailed.class, name = "voice-failed"),
    @JsonSubTypes.Type(value = ServerFrame.Error.class, name = "error"),
    @JsonSubTypes.Type(value = ServerFrame.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ServerFrame.Reconnect.class, name = "reconnect"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerFrame {

    record Welcome(String nodeId, String userId, long heartbeatSeconds) implements ServerFrame {
    }

    /** {@code snapshot} is room-service's snapshot JSON as it answered it. */
    record Snapshot(String roomId, JsonNode snapshot) implements ServerFrame {
    }

    /** {@code event} is the room event JSON as room-service published it. */
    record Event(String roomId, long seq, JsonNode event) implements ServerFrame {
    }

    record VoiceReady(String roomId, JsonNode session) implements ServerFrame {
    }

    record VoiceFailed(String roomId, String reason, String message) implements ServerFrame {
    }

    /** {@code ref} names the room the error concerns, when there is one. */
    record Error(String code, String message, String ref) implements ServerFrame {

        public static Error of(ErrorCode code, String message, String ref) {
            return new Error(code.wireName(), message, ref);
        }
    }

    record Pong(JsonNode id) implements ServerFrame {
    }

    /** The node is draining: open a new socket (the load balancer picks another node) and resubscribe. */
    record Reconnect(String reason) implements ServerFrame {
    }
}
