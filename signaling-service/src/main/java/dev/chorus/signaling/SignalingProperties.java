package dev.chorus.signaling;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of one signaling node ({@code chorus.signaling.*}); defaults are commented in
 * {@code application.yml}.
 *
 * @param nodeId          this node's name in presence and queue names; blank = generated at start
 * @param roomServiceUrl  where room-service answers snapshots and mute requests
 * @param jwksUri         room-service's key set; blank = {@code <roomServiceUrl>/.well-known/jwks.json}
 * @param gracePeriod     how long a member whose socket closed stays in its rooms, waiting for a reconnect
 * @param heartbeat       presence refresh interval, also the ping interval suggested to clients
 * @param presenceTtl     how long presence outlives the last heartbeat of a node that stopped
 * @param idleTimeout     a socket with no frame from the client for this long is closed
 * @param maxFrameSize    largest client frame accepted; larger ones get an {@code oversized} error
 * @param sendBufferLimit bytes queued for one socket before it counts as a slow consumer and is closed
 * @param sendTimeLimit   longest a single send to one socket may block before it counts as slow
 * @param senderThreads   threads writing to sockets; 0 = one per CPU core
 * @param drainTimeout    on shutdown, how long to let {@code reconnect} frames reach clients
 * @param allowedOrigins  browser origins allowed to open a socket
 */
@ConfigurationProperties("chorus.signaling")
public record SignalingProperties(
        @DefaultValue("") String nodeId,
        @DefaultValue("http://localhost:8080") URI roomServiceUrl,
        URI jwksUri,
        @DefaultValue("20s") Duration gracePeriod,
        @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("30s") Duration presenceTtl,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("16KB") DataSize maxFrameSize,
        @DefaultValue("512KB") DataSize sendBufferLimit,
        @DefaultValue("5s") Duration sendTimeLimit,
        @DefaultValue("0") int senderThreads,
        @DefaultValue("5s") Duration drainTimeout,
        @DefaultValue("*") List<String> allowedOrigins) {

    public URI effectiveJwksUri() {
        return jwksUri != null ? jwksUri : roomServiceUrl.resolve("/.well-known/jwks.json");
    }

    public int effectiveSenderThreads() {
        return senderThreads > 0 ? senderThreads : Runtime.getRuntime().availableProcessors();
    }
}
