package dev.chorus.signaling.room;

import dev.chorus.signaling.connection.ClientConnection;
import dev.chorus.signaling.connection.EncodedFrame;
import dev.chorus.signaling.connection.FrameWriter;
import dev.chorus.signaling.frame.ErrorCode;
import dev.chorus.signaling.frame.FrameException;
import dev.chorus.signaling.frame.ServerFrame;
import dev.chorus.signaling.messaging.NodeQueueBindings;
import dev.chorus.signaling.presence.PresenceTracker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Which local sockets follow which rooms. The node queue is bound to a room when its first local
 * subscriber arrives (before the snapshot is fetched, so no event between the two is missed) and
 * unbound after the last one leaves. Snapshots are fetched from room-service with the subscriber's
 * own token, which is what makes subscribing members-only.
 */
@Component
public class RoomSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(RoomSubscriptions.class);
    private static final int MAX_LOADS_TO_CATCH_UP = 3;

    /** Room id to its local subscriptions, keyed by socket so that finding and removing one is cheap. */
    private final Map<String, Map<ClientConnection, RoomSubscription>> audiences = new ConcurrentHashMap<>();
    private final NodeQueueBindings bindings;
    private final RoomServiceClient roomService;
    private final PresenceTracker presence;
    private final FrameWriter frames;
    private final AtomicInteger subscriptionCount = new AtomicInteger();
    /** Snapshot fetches are HTTP calls: kept off the socket and fan-out threads. */
    private final ExecutorService loaders;

    RoomSubscriptions(NodeQueueBindings bindings, RoomServiceClient roomService, PresenceTracker presence,
            FrameWriter frames, MeterRegistry meters) {
        this.bindings = bindings;
        this.roomService = roomService;
        this.presence = presence;
        this.frames = frames;
        AtomicInteger threadNumber = new AtomicInteger();
        this.loaders = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "snapshot-loader-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("chorus.signaling.subscriptions", subscriptionCount, AtomicInteger::get)
                .description("Room subscriptions of the sockets on this node").register(meters);
        Gauge.builder("chorus.signaling.rooms", audiences, Map::size)
                .description("Rooms this node's queue is bound to").register(meters);
    }

    /** Subscribes the socket to the room; the snapshot, or an error frame, follows asynchronously. */
    public void subscribe(ClientConnection connection, String roomId) {
        if (connection.roomIds().contains(roomId)) {
            resync(connection, roomId);
            return;
        }
        RoomSubscription subscription = new RoomSubscription(connection, roomId);
        audiences.compute(roomId, (id, audience) -> {
            Map<ClientConnection, RoomSubscription> members = audience;
            if (members == null) {
                bindings.bindRoom(id);
                members = new ConcurrentHashMap<>();
            }
            members.put(connection, subscription);
            return members;
        });
        connection.roomIds().add(roomId);
        subscriptionCount.incrementAndGet();
        // Recorded now, on the socket's own thread, before its close can be handled: a socket that dies
        // right after its snapshot still names this room when its grace period ends.
        presence.roomsChanged(connection.userId());
        load(subscription, true);
    }

    public void unsubscribe(ClientConnection connection, String roomId) {
        if (remove(connection, roomId)) {
            presence.roomsChanged(connection.userId());
            log.debug("{} unsubscribed from room {}", connection, roomId);
        }
    }

    /** Sends a fresh snapshot; the client asked, or saw a gap. */
    public void resync(ClientConnection connection, String roomId) {
        RoomSubscription subscription = find(connection, roomId);
        if (subscription == null) {
            throw new FrameException(ErrorCode.NOT_SUBSCRIBED, "Subscribe to room " + roomId + " first", roomId);
        }
        if (subscription.requestResync()) {
            load(subscription, false);
        }
    }

    public boolean isSubscribed(ClientConnection connection, String roomId) {
        return connection.roomIds().contains(roomId);
    }

    /** Drops every subscription of a closed socket; its rooms stay recorded for the grace period. */
    public void dropAll(ClientConnection connection) {
        for (String roomId : Set.copyOf(connection.roomIds())) {
            remove(connection, roomId);
        }
    }

    /** Hands a room event to every local subscriber of the room, in the order this is called. */
    public int deliver(String roomId, long seq, EncodedFrame frame) {
        Map<ClientConnection, RoomSubscription> audience = audiences.get(roomId);
        if (audience == null) {
            return 0;
        }
        int delivered = 0;
        for (RoomSubscription subscription : audience.values()) {
            if (subscription.offer(seq, frame)) {
                log.info("{} missed events of room {} before seq {}; sending a fresh snapshot",
                        subscription.connection(), roomId, seq);
                load(subscription, false);
            }
            delivered++;
        }
        return delivered;
    }

    private void load(RoomSubscription subscription, boolean first) {
        load(subscription, first, 1);
    }

    /**
     * Fetches and applies a snapshot. If the events that arrived meanwhile still leave a gap, loads
     * again, a few times at most: a room-service whose snapshots lag behind its events would
     * otherwise be asked again and again.
     */
    private void load(RoomSubscription subscription, boolean first, int attempt) {
        loaders.execute(() -> {
            ClientConnection connection = subscription.connection();
            String roomId = subscription.roomId();
            try {
                JsonNode snapshot = roomService.snapshot(connection.accessToken(), roomId);
                long seq = snapshot.path("seq").asLong();
                if (subscription.applySnapshot(seq, frames.encode(new ServerFrame.Snapshot(roomId, snapshot)))) {
                    if (attempt >= MAX_LOADS_TO_CATCH_UP) {
                        throw new FrameException(ErrorCode.UNAVAILABLE,
                                "Could not catch up with the room's events; subscribe again", roomId);
                    }
                    load(subscription, false, attempt + 1);
                }
                if (first) {
                    log.info("{} subscribed to room {} at seq {}", connection, roomId, seq);
                }
            } catch (FrameException refused) {
                log.info("{} could not (re)subscribe to room {}: {} {}", connection, roomId,
                        refused.code().wireName(), refused.getMessage());
                drop(connection, roomId, refused.toFrame());
            } catch (RuntimeException e) {
                log.warn("Loading the snapshot of room {} for {} failed", roomId, connection, e);
                drop(connection, roomId, ServerFrame.Error.of(ErrorCode.UNAVAILABLE,
                        "Could not load the room, subscribe again", roomId));
            }
        });
    }

    /** Nothing half-applied: a subscription whose snapshot cannot be had goes away with the error. */
    private void drop(ClientConnection connection, String roomId, ServerFrame.Error error) {
        if (remove(connection, roomId)) {
            presence.roomsChanged(connection.userId());
        }
        connection.send(frames.encode(error));
    }

    private RoomSubscription find(ClientConnection connection, String roomId) {
        Map<ClientConnection, RoomSubscription> audience = audiences.get(roomId);
        return audience != null ? audience.get(connection) : null;
    }

    private boolean remove(ClientConnection connection, String roomId) {
        if (!connection.roomIds().remove(roomId)) {
            return false;
        }
        subscriptionCount.decrementAndGet();
        audiences.computeIfPresent(roomId, (id, audience) -> {
            RoomSubscription subscription = audience.remove(connection);
            if (subscription != null) {
                subscription.cancel();
            }
            if (audience.isEmpty()) {
                bindings.unbindRoom(id);
                return null;
            }
            return audience;
        });
        return true;
    }

    @PreDestroy
    void stopLoaders() {
        loaders.shutdownNow();
    }
}
