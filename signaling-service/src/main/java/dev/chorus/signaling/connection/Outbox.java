package dev.chorus.signaling.connection;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.web.socket.WebSocketSession;

/**
 * The frames waiting for one socket. Whoever offers a frame never writes to the network: a sender
 * thread drains the queue in order, so one slow socket cannot hold up the fan-out of a room.
 *
 * <p>Like Spring's {@code ConcurrentWebSocketSessionDecorator} it bounds what a socket may owe
 * (queued characters) and how long one send may last, but it never makes the offering thread do
 * the write. A socket over either limit is reported to {@code onSlow} once and accepts nothing more.
 */
final class Outbox {

    private final WebSocketSession session;
    private final Executor senders;
    private final long bufferLimit;
    private final long sendTimeLimitNanos;
    private final Consumer<Outbox> onSlow;
    private final Consumer<Throwable> onSendFailure;

    private final Queue<EncodedFrame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean slowReported = new AtomicBoolean();
    /** Runs once everything offered so far has been sent (a close that must not cut off the last frames). */
    private final AtomicReference<Runnable> afterFlush = new AtomicReference<>();
    /** {@link System#nanoTime()} when the send in progress started, 0 when none is. */
    private volatile long sendingSince;

    Outbox(WebSocketSession session, Executor senders, long bufferLimit, long sendTimeLimitNanos,
            Consumer<Outbox> onSlow, Consumer<Throwable> onSendFailure) {
        this.session = session;
        this.senders = senders;
        this.bufferLimit = bufferLimit;
        this.sendTimeLimitNanos = sendTimeLimitNanos;
        this.onSlow = onSlow;
        this.onSendFailure = onSendFailure;
    }

    void offer(EncodedFrame frame) {
        if (closed.get()) {
            return;
        }
        long since = sendingSince;
        boolean stuck = since != 0 && System.nanoTime() - since > sendTimeLimitNanos;
        if (stuck || queued.addAndGet(frame.size()) > bufferLimit) {
            if (closed.compareAndSet(false, true)) {
                queue.clear();
                reportSlow();
            }
            return;
        }
        queue.add(frame);
        scheduleDrain();
    }

    boolean isEmpty() {
        return queue.isEmpty() && sendingSince == 0;
    }

    /** Runs {@code action} on a sender thread once the frames offered so far have been sent. */
    void afterFlush(Runnable action) {
        afterFlush.set(action);
        if (draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    /** Stops accepting frames; what is queued is dropped. */
    void close() {
        closed.set(true);
        queue.clear();
    }

    private void reportSlow() {
        if (slowReported.compareAndSet(false, true)) {
            onSlow.accept(this);
        }
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    private void drain() {
        try {
            EncodedFrame frame;
            while (!closed.get() && (frame = queue.poll()) != null) {
                sendingSince = System.nanoTime();
                session.sendMessage(frame.message());
                sendingSince = 0;
                queued.addAndGet(-frame.size());
            }
        } catch (IOException | RuntimeException e) {
            // A send that failed after blocking for the whole time limit timed out: the client is too slow.
            boolean timedOut = sendingSince != 0 && System.nanoTime() - sendingSince >= sendTimeLimitNanos;
            queue.clear();
            boolean wasOpen = closed.compareAndSet(false, true);
            // A timed-out send may already have closed the socket (the server's own write timeout does,
            // and closing closes this outbox): it still was a slow client.
            if (timedOut) {
                reportSlow();
            } else if (wasOpen) {
                onSendFailure.accept(e);
            }
        } finally {
            sendingSince = 0;
            draining.set(false);
        }
        // A frame offered between the last poll and clearing the flag would otherwise wait for the next offer.
        if (!closed.get() && !queue.isEmpty()) {
            scheduleDrain();
        } else {
            Runnable action = afterFlush.getAndSet(null);
            if (action != null) {
                action.run();
            }
        }
    }
}
