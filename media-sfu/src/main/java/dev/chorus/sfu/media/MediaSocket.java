package dev.chorus.sfu.media;

import dev.chorus.sfu.SfuProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.springframework.stereotype.Component;

/**
 * The bridge's one UDP socket, shared by every endpoint. Sending is safe from any thread (the
 * packet thread forwards, handshake threads send DTLS flights, housekeeping sends reports).
 */
@Component
public class MediaSocket {

  private static final int BUFFER_BYTES = 4 << 20;

  private final DatagramChannel channel;
  private final InetSocketAddress localAddress;
  private final String advertisedAddress;
  private final TrafficCounters traffic;

  public MediaSocket(SfuProperties properties, TrafficCounters traffic) {
    this.traffic = traffic;
    try {
      channel = DatagramChannel.open();
      channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER_BYTES);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER_BYTES);
      channel.bind(new InetSocketAddress(properties.bindAddress(), properties.udpPort()));
      localAddress = (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the media UDP port " + properties.udpPort(), e);
    }
    advertisedAddress = properties.advertisedAddress();
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int port() {
    return localAddress.getPort();
  }

  /** The address clients are told to send to. */
  public String advertisedAddress() {
    return advertisedAddress;
  }

  /** Sends a copy of {@code buf[off, off+len)}; a failed send is a lost datagram, as on the wire. */
  public void send(byte[] buf, int off, int len, SocketAddress to) {
    send(ByteBuffer.wrap(buf, off, len), to);
  }

  /** Sends the buffer's remaining bytes; lets the packet thread reuse one ByteBuffer. */
  public boolean send(ByteBuffer datagram, SocketAddress to) {
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

  /** Blocks until a datagram arrives; answers its source. */
  SocketAddress receive(ByteBuffer into) throws IOException {
    SocketAddress from = channel.receive(into);
    traffic.received(into.position());
    return from;
  }

  /** Healthy while the media socket is open. */
  public boolean isHealthy() {
    return channel.isOpen();
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  @PreDestroy
  public void close() throws IOException {
    channel.close();
  }
}
