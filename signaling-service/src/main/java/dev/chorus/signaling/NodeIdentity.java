package dev.chorus.signaling;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** This node's id: configured, or generated so that two nodes started alike never share queues or presence. */
@Component
public class NodeIdentity {

    private final String id;

    NodeIdentity(SignalingProperties properties) {
        this.id = properties.nodeId().isBlank()
                ? "sig-" + UUID.randomUUID().toString().substring(0, 8)
                : properties.nodeId();
    }

    public String id() {
        return id;
    }
}
