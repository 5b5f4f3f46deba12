package dev.chorus.signaling.room;

import dev.chorus.signaling.connection.ClientConnection;
import dev.chorus.signaling.connection.EncodedFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One socket's view of one room: the last sequence number it was sent, and while a snapshot is being
 * fetched, the events that arrived meanwhile. Guarantees each socket sees a room's events once, in
 * sequence order, after the snapshot they follow; a gap means a fresh snapshot.
 *
 * <p>All methods are synchronized on the subscription: the fan-out thread and the snapshot loader
 * both change it.
 */
final class RoomSubscription {

    private record Pending(long seq, EncodedFrame frame) {
    }

    private final ClientConnection connection;
    private final String roomId;
    private long lastSeq;
    private boolean synced;
    /** Unsubscribed: a snapshot still loading or an event still on its way must not reach the socket. */
    private boolean cancelled;
    private List<Pending> pending = new ArrayList<>();

    RoomSubscription(ClientConnection connection, String roomId) {
        this.connection = connection;
        this.roomId = roomId;
    }

    ClientConnection connection() {
        return connection;
    }

    String roomId() {
        return roomId;
    }

    /**
     * Sends the event if it is the next one; keeps it if a snapshot is on its way.
     *
     * @return true if the event reveals a gap, so a fresh snapshot must be loaded
     */
    synchronized boolean offer(long seq, EncodedFrame frame) {
        if (cancelled) {
            return false;
        }
        if (!synced) {
            pending.add(new Pending(seq, frame));
            return false;
        }
        if (seq <= lastSeq) {
            return false; // already part of the snapshot, or a redelivery
        }
        if (seq == lastSeq + 1) {
            connection.send(frame);
            lastSeq = seq;
            return false;
        }
        synced = false;
        pending = new ArrayList<>(List.of(new Pending(seq, frame)));
        return true;
    }

    /**
     * Sends a snapshot and then the events that arrived while it was loading and are newer than it.
     *
     * @return true if those events still leave a gap, so yet another snapshot must be loaded
     */
    synchronized boolean applySnapshot(long seq, EncodedFrame snapshot) {
        if (cancelled) {
            return false;
        }
        connection.send(snapshot);
        lastSeq = seq;
        synced = true;
        List<Pending> waiting = pending;
        pending = new ArrayList<>();
        waiting.sort(Comparator.comparingLong(Pending::seq));
        for (Pending event : waiting) {
            if (offer(event.seq(), event.frame())) {
                return true;
            }
        }
        return false;
    }

    synchronized void cancel() {
        cancelled = true;
        pending = new ArrayList<>();
    }

    /** @return true if a snapshot must be loaded now, false if one is already on its way */
    synchronized boolean requestResync() {
        if (!synced) {
            return false;
        }
        synced = false;
        return true;
    }
}
