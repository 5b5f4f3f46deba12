package dev.chorus.sfu.media;

import dev.chorus.sfu.SfuProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.chorus.sfu.SfuProperties.PortRange;
import dev.chorus.sfu.conference.BridgeRelay;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bridge's UDP port, shared by every endpoint: one channel per fan-out thread, all bound to
 * the same port with {@code SO_REUSEPORT}. A Java channel sends under its own write lock, so two
 * threads sharing one channel would send one after the other; each fan-out thread gets its own.
 * The kernel spreads incoming datagrams over the channels by source address, so the packet thread
 * reads all of them. Sending is safe from any thread; channel 0 carries the control traffic
 * (STUN answers, DTLS flights, the bridge's reports). Relays to other bridges have ports of their
 * own ({@link RelayPort}), read by the packet thread with these channels.
 *
 * <p>{@code SO_REUSEPORT} also lets another process of the same user bind this port and take a
 * share of its datagrams: run one bridge per port.
 */
@Component
public class MediaSocket {

  private static final Logger log = LoggerFactory.getLogger(MediaSocket.class);
  private static final int BUFFER_BYTES = 4 << 20;
  /** A relay carries a room's speakers, not its listeners: a fraction of the media port's load. */
  private static final int RELAY_BUFFER_BYTES = 1 << 20;

  private final DatagramChannel[] channels;
  private final Selector readable;
  private final InetSocketAddress localAddress;
  private final String advertisedAddress;
  private final TrafficCounters traffic;
  private final PortRange relayPorts;
  private final AtomicInteger openRelayPorts = new AtomicInteger();
  private int nextRelayPort;
  // Packet thread only: the channels with datagrams waiting, read in turn, and where the last
  // datagram came in.
  private final List<SelectionKey> ready = new ArrayList<>();
  private final Consumer<SelectionKey> markReady = ready::add;
  private int nextReady;
  private BridgeRelay receivedOnRelay;

  public MediaSocket(SfuProperties properties, TrafficCounters traffic) {
    this.traffic = traffic;
    InetSocketAddress bindAddress = new InetSocketAddress(properties.bindAddress(),
        properties.udpPort());
    try {
      readable = Selector.open();
      DatagramChannel first = DatagramChannel.open();
      int count = properties.fanoutThreadCount();
      if (count > 1 && !first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
        log.warn("SO_REUSEPORT is not available here: the fan-out threads share one socket");
        count = 1;
      }
      channels = new DatagramChannel[count];
      channels[0] = open(first, bindAddress, count > 1);
      localAddress = (InetSocketAddress) first.getLocalAddress();
      for (int i = 1; i < count; i++) {
        channels[i] = open(DatagramChannel.open(), localAddress, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the media UDP port " + properties.udpPort(), e);
    }
    advertisedAddress = properties.advertisedAddress();
    relayPorts = properties.relayPortRange();
  }

  /**
   * Non-blocking, so that the packet thread can wait on all channels at once, and so that a full
   * send buffer drops one copy (counted) instead of stalling every later receiver of a thread.
   */
  private DatagramChannel open(DatagramChannel channel, InetSocketAddress bindAddress,
      boolean shared) throws IOException {
    channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER_BYTES);
    channel.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER_BYTES);
    if (shared) {
      channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
    }
    channel.bind(bindAddress);
    channel.configureBlocking(false);
    channel.register(readable, SelectionKey.OP_READ);
    return channel;
  }

  /**
   * Opens a port for a relay on the bind address: a free one, or the next free one of
   * {@code chorus.sfu.relay-ports}. Datagrams on it are read once {@link #listen} names its relay.
   *
   * @throws IOException when no port could be bound (the range is used up)
   */
  public synchronized RelayPort openRelayPort() throws IOException {
    int attempts = relayPorts.isAny() ? 1 : relayPorts.size();
    BindException lastRefusal = null;
    for (int i = 0; i < attempts; i++) {
      int port = relayPorts.isAny() ? 0 : relayPorts.first() + nextRelayPort;
      nextRelayPort = relayPorts.isAny() ? 0 : (nextRelayPort + 1) % relayPorts.size();
      DatagramChannel channel = DatagramChannel.open();
      try {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, RELAY_BUFFER_BYTES);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, RELAY_BUFFER_BYTES);
        channel.bind(new InetSocketAddress(localAddress.getAddress(), port));
        channel.configureBlocking(false);
        RelayPort opened = new RelayPort(channel, traffic, this::relayPortClosed);
        openRelayPorts.incrementAndGet();
        return opened;
      } catch (BindException inUse) {
        channel.close();
        lastRefusal = inUse;
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }
    throw new IOException("no free relay port in " + relayPorts.first() + "-" + relayPorts.last(),
        lastRefusal);
  }

  /** Lets the packet thread read the relay's port; what arrives there is the relay's. */
  public void listen(RelayPort port, BridgeRelay relay) throws IOException {
    port.channel().register(readable, SelectionKey.OP_READ, relay);
    // The packet thread may be waiting in select(), which only sees the new port once woken.
    readable.wakeup();
  }

  /**
   * A closed channel's port is released only once the selector has dropped its key, at its next
   * selection: wake the packet thread so that this happens now, not at the next datagram.
   */
  private void relayPortClosed() {
    openRelayPorts.decrementAndGet();
    readable.wakeup();
  }

  /** Relay ports open now: zero once every relay expired. */
  public int openRelayPorts() {
    return openRelayPorts.get();
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int port() {
    return localAddress.getPort();
  }

  /** The address clients are told to send to. */
  public String advertisedAddress() {
    return advertisedAddress;
  }

  /** How many channels send; fan-out thread {@code i} sends through channel {@code i % channels}. */
  int channels() {
    return channels.length;
  }

  /** Sends a copy of {@code buf[off, off+len)}; a failed send is a lost datagram, as on the wire. */
  public void send(byte[] buf, int off, int len, SocketAddress to) {
    send(0, ByteBuffer.wrap(buf, off, len), to);
  }

  /** Sends the buffer's remaining bytes through one channel; false when the datagram was lost. */
  boolean send(int channel, ByteBuffer datagram, SocketAddress to) {
    try {
      int bytes = channels[channel].send(datagram, to);
      if (bytes > 0) {
        traffic.sent(bytes);
      }
      return bytes > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Blocks until a datagram arrives on the media port or a relay port and answers its source, or
   * answers null when {@link #wakeUp} (or a new relay port) ended the wait first. Packet thread
   * only. The channels with datagrams waiting are read in turn, one datagram each, so that a busy
   * one cannot starve the others.
   */
  SocketAddress receive(ByteBuffer into) throws IOException {
    for (boolean waited = false; ; waited = true) {
      while (!ready.isEmpty()) {
        if (nextReady >= ready.size()) {
          nextReady = 0;
        }
        SelectionKey key = ready.get(nextReady);
        SocketAddress from = receive(key, into);
        if (from == null) {
          ready.remove(nextReady);
          continue;
        }
        nextReady++;
        receivedOnRelay = (BridgeRelay) key.attachment();
        traffic.received(into.position());
        return from;
      }
      if (waited) {
        return null;
      }
      try {
        readable.select(markReady);
      } catch (ClosedSelectorException e) {
        throw new ClosedChannelException();
      }
    }
  }

  /**
   * Ends the packet thread's wait in {@link #receive} without a datagram. Unlike an interrupt,
   * which closes a channel caught in an I/O operation, this leaves every channel open.
   */
  void wakeUp() {
    readable.wakeup();
  }

  /** The relay whose port the last datagram {@link #receive} answered came in on; else null. */
  BridgeRelay receivedOnRelay() {
    return receivedOnRelay;
  }

  /** One datagram of a ready channel, or null when it has none left (or a relay port closed). */
  private static SocketAddress receive(SelectionKey key, ByteBuffer into) throws IOException {
    try {
      return ((DatagramChannel) key.channel()).receive(into);
    } catch (IOException e) {
      if (key.attachment() == null) {
        throw e;
      }
      return null; // the relay expired while its datagrams were waiting
    }
  }

  /** Healthy while the media socket is open. */
  public boolean isHealthy() {
    return isOpen();
  }

  boolean isOpen() {
    return channels[0].isOpen();
  }

  @PreDestroy
  public void close() throws IOException {
    for (DatagramChannel channel : channels) {
      channel.close();
    }
    readable.close();
  }
}
