package dev.chorus.signaling.connection;

import org.springframework.web.socket.CloseStatus;

/** Why the server closes a socket; the 4xxx codes are ours, the client acts on them. */
public final class CloseCodes {

    /** The access token expired: reconnect with a fresh token. */
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token-expired");

    /** The socket could not keep up with its room's events: reconnect and resubscribe (snapshot). */
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4408, "slow-consumer");

    /** The node is shutting down: reconnect (to another node) and resubscribe. */
    public static final CloseStatus DRAINING = CloseStatus.SERVICE_RESTARTED.withReason("draining");

    private CloseCodes() {
    }
}
