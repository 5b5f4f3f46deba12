package dev.chorus.signaling.connection;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.signaling.SignalingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/** The sockets open on this node, by id and by user, and the threads that write to them. */
@Component
public class LocalConnections {

    private static final Logger log = LoggerFactory.getLogger(LocalConnections.class);

    private final SignalingProperties properties;
    private final ExecutorService senders;
    private final Counter droppedSlow;
    private final Map<String, ClientConnection> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientConnection>> byUser = new ConcurrentHashMap<>();

    public LocalConnections(SignalingProperties properties, MeterRegistry meters) {
        this.properties = properties;
        AtomicInteger threadNumber = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(properties.effectiveSenderThreads(), task -> {
            Thread thread = new Thread(task, "socket-sender-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.droppedSlow = Counter.builder("chorus.signaling.sockets.dropped.slow")
                .description("Sockets closed because they could not keep up with their rooms' events")
                .register(meters);
        Gauge.builder("chorus.signaling.sockets.open", byId, Map::size)
                .description("WebSockets open on this node").register(meters);
    }

    /**
     * Registers a new socket. {@code firstOfUser} runs if it is the user's first socket on this node,
     * while no other socket of that user can open or close here, so that work done for the user's
     * first socket (binding, presence) can never be overtaken by the undoing for a last one.
     */
    public ClientConnection open(WebSocketSession session, ChorusPrincipal principal, String token,
            Instant tokenExpiresAt, Consumer<String> firstOfUser) {
        ClientConnection connection = new ClientConnection(session, principal, token, tokenExpiresAt);
        connection.attach(new Outbox(session, senders, properties.sendBufferLimit().toBytes(),
                properties.sendTimeLimit().toNanos(), outbox -> dropSlow(connection),
                failure -> {
                    log.info("Sending to {} failed, closing it: {}", connection, failure.toString());
                    senders.execute(() -> connection.close(CloseStatus.SERVER_ERROR));
                }));
        byId.put(connection.id(), connection);
        byUser.compute(principal.userId(), (user, sockets) -> {
            Set<ClientConnection> set = sockets != null ? sockets : ConcurrentHashMap.newKeySet();
            if (set.isEmpty()) {
                firstOfUser.accept(user);
            }
            set.add(connection);
            return set;
        });
        return connection;
    }

    /**
     * Forgets a closed socket; {@code lastOfUser} runs if it was the user's last socket on this
     * node, under the same exclusion as {@code firstOfUser} in {@link #open}.
     */
    public void remove(ClientConnection connection, Consumer<String> lastOfUser) {
        if (byId.remove(connection.id()) == null) {
            return;
        }
        byUser.computeIfPresent(connection.userId(), (user, sockets) -> {
            sockets.remove(connection);
            if (sockets.isEmpty()) {
                lastOfUser.accept(user);
                return null;
            }
            return sockets;
        });
    }

    public ClientConnection get(String socketId) {
        return byId.get(socketId);
    }

    public Collection<ClientConnection> all() {
        return byId.values();
    }

    public Collection<ClientConnection> ofUser(String userId) {
        Set<ClientConnection> sockets = byUser.get(userId);
        return sockets != null ? sockets : List.of();
    }

    public Set<String> userIds() {
        return byUser.keySet();
    }

    public boolean hasUser(String userId) {
        return byUser.containsKey(userId);
    }

    /** Waits until every outbox is flushed or the time is up; true if all were flushed. */
    public boolean awaitFlushed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (byId.values().stream().allMatch(ClientConnection::outboxEmpty)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private void dropSlow(ClientConnection connection) {
        droppedSlow.increment();
        log.warn("Closing {}: it could not keep up (send buffer or send time limit reached)", connection);
        // Closing writes a close frame; do it off the fan-out thread that noticed.
        senders.execute(() -> connection.close(CloseCodes.SLOW_CONSUMER));
    }

    @PreDestroy
    void stopSenders() throws InterruptedException {
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.SECONDS);
    }
}
