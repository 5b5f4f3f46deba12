package dev.chorus.signaling.connection;

import dev.chorus.auth.ChorusPrincipal;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One browser's socket: who it is, the token it connected with (used on its behalf towards
 * room-service), the rooms it is subscribed to, and its outbox.
 */
public final class ClientConnection {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private final WebSocketSession session;
    private final ChorusPrincipal principal;
    private final String accessToken;
    private final Instant tokenExpiresAt;
    private final Set<String> roomIds = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private Outbox outbox;

    ClientConnection(WebSocketSession session, ChorusPrincipal principal, String accessToken, Instant tokenExpiresAt) {
        this.session = session;
        this.principal = principal;
        this.accessToken = accessToken;
        this.tokenExpiresAt = tokenExpiresAt;
    }

    void attach(Outbox outbox) {
        this.outbox = outbox;
    }

    public String id() {
        return session.getId();
    }

    public String userId() {
        return principal.userId();
    }

    public ChorusPrincipal principal() {
        return principal;
    }

    public String accessToken() {
        return accessToken;
    }

    public boolean tokenExpired(Instant now) {
        return tokenExpiresAt != null && now.isAfter(tokenExpiresAt);
    }

    /** The rooms this socket is subscribed to; kept by the room subscriptions. */
    public Set<String> roomIds() {
        return roomIds;
    }

    public void send(EncodedFrame frame) {
        outbox.offer(frame);
    }

    boolean outboxEmpty() {
        return outbox.isEmpty();
    }

    /** Closes the socket once the frames already sent to it (an error saying why, say) are out. */
    public void closeAfterFlush(CloseStatus status) {
        outbox.afterFlush(() -> close(status));
    }

    /** Closes the socket once; later calls do nothing. Frames still queued are dropped. */
    public void close(CloseStatus status) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        outbox.close();
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing socket {} of user {} failed: {}", id(), userId(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "socket " + id() + " of user " + userId();
    }
}
