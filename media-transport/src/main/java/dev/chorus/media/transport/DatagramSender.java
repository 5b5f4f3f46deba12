package dev.chorus.media.transport;

/**
 * Where a protocol layer hands datagrams it wants on the wire (DTLS flights, STUN answers). The
 * bridge implements it with its shared UDP socket and the endpoint's current address; the peer
 * with its own socket. Implementations must copy or send before returning: callers reuse {@code buf}.
 */
@FunctionalInterface
public interface DatagramSender {
    void send(byte[] buf, int off, int len);
}
