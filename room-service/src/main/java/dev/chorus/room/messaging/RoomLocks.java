package dev.chorus.room.messaging;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Serialises "change a room, then publish its events" per room on this node, so that events of one
 * room are handed to RabbitMQ in the order their sequence numbers were taken. Striped: rooms share a
 * fixed set of locks, which bounds memory and costs only rare contention between unrelated rooms.
 */
@Component
public class RoomLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[256];

    RoomLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public <T> T withRoom(String roomId, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(roomId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
