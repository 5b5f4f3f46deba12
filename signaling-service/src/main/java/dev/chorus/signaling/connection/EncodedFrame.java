package dev.chorus.signaling.connection;

import org.springframework.web.socket.TextMessage;

/**
 * A server frame serialized once and shared by every socket it goes to; {@code size} is its length
 * in characters, counted once here rather than per socket.
 */
public record EncodedFrame(TextMessage message, int size) {

    public static EncodedFrame of(String json) {
        return new EncodedFrame(new TextMessage(json), json.length());
    }
}
