package dev.chorus.media.transport.dtls;

import dev.chorus.media.transport.DatagramSender;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * bctls' view of one DTLS association: datagrams the socket's reader thread offers are queued
 * (that thread never blocks: a full queue drops, as the network would) and taken by the
 * handshake thread; outgoing datagrams go straight to the {@link DatagramSender}.
 */
final class QueueDatagramTransport implements DatagramTransport {

    /** Below common path MTUs after IP/UDP headers, like browsers' DTLS. */
    static final int SEND_LIMIT = 1150;
    static final int RECEIVE_LIMIT = 1500;
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> incoming = new ArrayBlockingQueue<>(64);
    private final DatagramSender sender;
    private volatile boolean closed;

    QueueDatagramTransport(DatagramSender sender) {
        this.sender = sender;
    }

    /** Called by the socket reader; copies the datagram. False when dropped. */
    boolean offer(byte[] buf, int off, int len) {
        if (closed) {
            return false;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        return incoming.offer(copy);
    }

    boolean hasPending() {
        return !incoming.isEmpty();
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    /** Waits up to {@code waitMillis} for a datagram; -1 on timeout as bctls expects. */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] datagram;
        try {
            datagram = incoming.poll(Math.max(waitMillis, 1), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (datagram == null) {
            return -1;
        }
        if (datagram == CLOSED) {
            throw new IOException("DTLS transport closed");
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        sender.send(buf, off, len);
    }

    @Override
    public void close() {
        closed = true;
        incoming.clear();
        incoming.offer(CLOSED); // wakes a handshake thread waiting in receive()
    }
}
