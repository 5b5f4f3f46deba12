package dev.chorus.signaling.presence;

import dev.chorus.contracts.commands.PresenceLost;
import dev.chorus.signaling.NodeIdentity;
import dev.chorus.signaling.SignalingProperties;
import dev.chorus.signaling.connection.ClientConnection;
import dev.chorus.signaling.connection.LocalConnections;
import dev.chorus.contracts.messaging.CommandPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Which node holds each user's socket, and what happens when the socket goes away. A closed last
 * socket starts a grace period; a reconnect inside it (to any node) keeps the member, otherwise
 * a {@code presence-lost} command asks room-service to remove the member from the rooms the user was
 * subscribed to. Heartbeats renew this node's claims; if the node dies they expire, and another node
 * finds the dead node in the registry and sends its {@code presence-lost} commands instead.
 */
@Component
public class PresenceTracker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

    private final PresenceStore store;
    private final LocalConnections connections;
    private final CommandPublisher commands;
    private final TaskScheduler scheduler;
    private final SignalingProperties properties;
    private final String nodeId;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ScheduledFuture<?>> graceTimers = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> heartbeat;

    PresenceTracker(PresenceStore store, LocalConnections connections, CommandPublisher commands,
            TaskScheduler scheduler, SignalingProperties properties, NodeIdentity node) {
        this.store = store;
        this.connections = connections;
        this.commands = commands;
        this.scheduler = scheduler;
        this.properties = properties;
        this.nodeId = node.id();
    }

    /** The user's first socket on this node opened (possibly a reconnect inside the grace period). */
    public void userConnected(String userId) {
        ScheduledFuture<?> timer = graceTimers.remove(userId);
        if (timer != null) {
            timer.cancel(false);
            log.info("User {} reconnected to node {} within the grace period; membership kept", userId, nodeId);
        }
        store.markPresent(List.of(userId), nodeId, expiry(), properties.presenceTtl());
    }

    /** The rooms a user follows through this node changed (subscribe or unsubscribe). */
    public void roomsChanged(String userId) {
        Set<String> rooms = new LinkedHashSet<>();
        for (ClientConnection connection : connections.ofUser(userId)) {
            rooms.addAll(connection.roomIds());
        }
        store.setRooms(nodeId, userId, rooms);
    }

    /** The user's last socket on this node closed: start the grace period. */
    public void userDisconnected(String userId) {
        store.markGone(userId, nodeId);
        Instant deadline = clock.instant().plus(properties.gracePeriod());
        ScheduledFuture<?> timer;
        try {
            timer = scheduler.schedule(() -> graceExpired(userId), deadline);
        } catch (TaskRejectedException stopping) {
            // This node is shutting down; the other nodes settle its users (see stop()).
            return;
        }
        ScheduledFuture<?> previous = graceTimers.put(userId, timer);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void graceExpired(String userId) {
        graceTimers.remove(userId);
        if (connections.hasUser(userId)) {
            return;
        }
        Set<String> rooms = store.takeRooms(nodeId, userId);
        if (store.presentAnywhere(userId, clock.instant())) {
            log.info("User {} is connected to another node; membership kept", userId);
            return;
        }
        publishPresenceLost(userId, nodeId, rooms);
    }

    private void publishPresenceLost(String userId, String fromNode, Set<String> rooms) {
        if (rooms.isEmpty()) {
            return;
        }
        commands.publish(new PresenceLost(UUID.randomUUID().toString(), clock.instant(), userId, fromNode,
                new ArrayList<>(rooms)));
        log.info("User {} did not come back to node {} within {}: presence-lost for rooms {}",
                userId, fromNode, properties.gracePeriod(), rooms);
    }

    private void beat() {
        try {
            Instant now = clock.instant();
            store.nodeAlive(nodeId, expiry(), properties.presenceTtl().plus(properties.gracePeriod()).multipliedBy(2));
            store.markPresent(connections.userIds(), nodeId, expiry(), properties.presenceTtl());
            sweepDeadNodes(now);
        } catch (RuntimeException e) {
            log.warn("Presence heartbeat of node {} failed: {}", nodeId, e.toString());
        }
    }

    /** Nodes silent for longer than presence TTL plus grace period: their users who did not come back are lost. */
    private void sweepDeadNodes(Instant now) {
        for (String deadNode : store.claimDeadNodes(now.minus(properties.gracePeriod()))) {
            Map<Object, Object> users = store.takeAllRooms(deadNode);
            log.info("Node {} stopped sending heartbeats; checking its {} users", deadNode, users.size());
            users.forEach((user, rooms) -> {
                String userId = user.toString();
                if (!store.presentAnywhere(userId, now)) {
                    publishPresenceLost(userId, deadNode, PresenceStore.parse(rooms));
                }
            });
        }
    }

    private Instant expiry() {
        return clock.instant().plus(properties.presenceTtl());
    }

    @Override
    public void start() {
        heartbeat = scheduler.scheduleAtFixedRate(this::beat, properties.heartbeat());
    }

    /**
     * Called once this node's sockets are closed. Its registry entry is made to expire now, so the
     * other nodes settle its users after the grace period, whether or not they reconnect elsewhere.
     */
    @Override
    public void stop() {
        ScheduledFuture<?> running = heartbeat;
        heartbeat = null;
        if (running != null) {
            running.cancel(false);
        }
        graceTimers.values().forEach(timer -> timer.cancel(false));
        graceTimers.clear();
        try {
            store.nodeAlive(nodeId, clock.instant(), properties.presenceTtl().plus(properties.gracePeriod()).multipliedBy(2));
        } catch (RuntimeException e) {
            log.warn("Could not mark node {} as stopped in Redis; its entry expires on its own: {}", nodeId, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null;
    }

    /** Stops after the sockets are drained (higher phases stop first) and before Redis goes away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
