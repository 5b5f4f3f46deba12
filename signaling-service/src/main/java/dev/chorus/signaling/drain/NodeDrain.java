package dev.chorus.signaling.drain;

import dev.chorus.signaling.NodeIdentity;
import dev.chorus.signaling.SignalingProperties;
import dev.chorus.signaling.connection.ClientConnection;
import dev.chorus.signaling.connection.CloseCodes;
import dev.chorus.signaling.connection.EncodedFrame;
import dev.chorus.signaling.connection.FrameWriter;
import dev.chorus.signaling.connection.LocalConnections;
import dev.chorus.signaling.frame.ServerFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, before the web server stops: tells every client to reconnect (the load balancer
 * sends it to another node), gives the frames a moment to leave, then closes the sockets.
 */
@Component
class NodeDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeDrain.class);

    private final LocalConnections connections;
    private final FrameWriter writer;
    private final SignalingProperties properties;
    private final String nodeId;
    private volatile boolean running;

    NodeDrain(LocalConnections connections, FrameWriter writer, SignalingProperties properties, NodeIdentity node) {
        this.connections = connections;
        this.writer = writer;
        this.properties = properties;
        this.nodeId = node.id();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<ClientConnection> open = List.copyOf(connections.all());
        log.info("Node {} draining: asking {} sockets to reconnect elsewhere", nodeId, open.size());
        EncodedFrame reconnect = writer.encode(new ServerFrame.Reconnect("node " + nodeId + " is shutting down"));
        open.forEach(connection -> connection.send(reconnect));
        try {
            if (!connections.awaitFlushed(properties.drainTimeout())) {
                log.warn("Node {}: some reconnect frames were still queued after {}", nodeId, properties.drainTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(connection -> connection.close(CloseCodes.DRAINING));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first of all: the web server, the queue consumer and Redis are still there while draining. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
