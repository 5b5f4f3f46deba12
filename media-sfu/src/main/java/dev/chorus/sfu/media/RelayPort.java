package dev.chorus.sfu.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The UDP port of one relay to another bridge. Endpoints share the media port and are told apart
 * by their address; two relays between the same two bridges would have the same addresses there,
 * so each relay gets a port of its own and everything that arrives on it is that relay's. The
 * packet thread reads it with the media port ({@link MediaSocket#receive}); sending is safe from
 * any thread.
 */
public final class RelayPort {

  private final DatagramChannel channel;
  private final int port;
  private final TrafficCounters traffic;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  RelayPort(DatagramChannel channel, TrafficCounters traffic, Runnable onClose)
      throws IOException {
    this.channel = channel;
    this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    this.traffic = traffic;
    this.onClose = onClose;
  }

  /** The port announced in the relay's candidate. */
  public int port() {
    return port;
  }

  DatagramChannel channel() {
    return channel;
  }

  /** Sends {@code buf[off, off+len)}; a failed send is a lost datagram, as on the wire. */
  public void send(byte[] buf, int off, int len, SocketAddress to) {
    send(ByteBuffer.wrap(buf, off, len), to);
  }

  /** Sends the buffer's remaining bytes; false when the datagram was lost. */
  boolean send(ByteBuffer datagram, SocketAddress to) {
    try {
      int bytes = channel.send(datagram, to);
      if (bytes > 0) {
        traffic.sent(bytes);
      }
      return bytes > 0;
    } catch (IOException e) {
      return false;
    }
  }

  public boolean isOpen() {
    return channel.isOpen();
  }

  /** Frees the port; datagrams still queued on it are lost. Idempotent. */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a datagram channel has nothing to flush; the port is released either way.
    }
    onClose.run();
  }
}
