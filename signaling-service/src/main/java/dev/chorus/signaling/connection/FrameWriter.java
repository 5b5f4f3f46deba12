package dev.chorus.signaling.connection;

import dev.chorus.signaling.frame.ServerFrame;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Serializes server frames. */
@Component
public class FrameWriter {

    private final JsonMapper json;

    public FrameWriter(JsonMapper json) {
        this.json = json;
    }

    public EncodedFrame encode(ServerFrame frame) {
        return EncodedFrame.of(json.writeValueAsString(frame));
    }
}
