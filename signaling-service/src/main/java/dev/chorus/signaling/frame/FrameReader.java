package dev.chorus.signaling.frame;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads client frames, telling malformed JSON, unknown types and missing fields apart. */
@Component
public class FrameReader {

    private final JsonMapper json;

    public FrameReader(JsonMapper json) {
        this.json = json;
    }

    public ClientFrame read(String text) {
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (JacksonException e) {
            throw new FrameException(ErrorCode.MALFORMED, "Frame is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new FrameException(ErrorCode.MALFORMED, "Frame must be a JSON object");
        }
        String type = requiredString(tree, "type");
        return switch (type) {
            case "subscribe" -> new ClientFrame.Subscribe(requiredString(tree, "roomId"));
            case "unsubscribe" -> new ClientFrame.Unsubscribe(requiredString(tree, "roomId"));
            case "resync" -> new ClientFrame.Resync(requiredString(tree, "roomId"));
            case "ping" -> new ClientFrame.Ping(tree.get("id"));
            case "voice-answer" -> new ClientFrame.VoiceAnswer(requiredString(tree, "roomId"),
                    requiredString(tree, "sessionId"), requiredString(tree, "sdp"));
            case "mute" -> new ClientFrame.Mute(requiredString(tree, "roomId"), requiredBoolean(tree, "muted"));
            default -> throw new FrameException(ErrorCode.UNKNOWN_TYPE, "Unknown frame type '" + type + "'");
        };
    }

    private static String requiredString(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw new FrameException(ErrorCode.MALFORMED, "Field '" + field + "' must be a non-empty string");
        }
        return value.stringValue();
    }

    private static boolean requiredBoolean(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        if (value == null || !value.isBoolean()) {
            throw new FrameException(ErrorCode.MALFORMED, "Field '" + field + "' must be true or false");
        }
        return value.booleanValue();
    }
}
