package dev.chorus.sfu.media;

import dev.chorus.sfu.SfuProperties;
import dev.chorus.sfu.conference.BridgeConference;
import dev.chorus.sfu.conference.BridgeEndpoint;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Splits each forwarded packet's copies over several threads. Sending a copy costs microseconds
 * of system call (on loopback the kernel delivers it to the receiver in the sender's call), so one
 * thread sending every copy makes the last receiver wait for all the others; with {@code k}
 * threads each sends about {@code 1/k} of the copies, in parallel, through its own channel.
 *
 * <p>The packet thread publishes decrypted packets into a ring of reusable slots (single
 * producer, no lock, no allocation); every fan-out thread reads every slot and handles the
 * receivers whose {@link BridgeEndpoint#ordinal() ordinal} falls to it. A receiver therefore
 * always gets its copies from the same thread, in order, and its SRTP send context is used by that
 * thread only. When the slowest thread is a whole ring behind, new packets are dropped (counted
 * per copy) rather than delaying every later packet further: stale audio is worth nothing.
 */
@Component
public class Fanout implements SmartLifecycle {

  /**
   * Packets waiting for their copies: about 100 ms of arrivals at 10,000 packets per second (200
   * speakers), so that a collector pause or a burst loses nothing; a lone speaker's packets would
   * queue for seconds before the ring fills, which only an overloaded bridge reaches.
   */
  private static final int SLOTS = 1024;

  private final ForwardJob[] ring = new ForwardJob[SLOTS];
  private final FanoutWorker[] workers;
  private final PacketPath path;
  private volatile long published = -1;
  private volatile boolean running;

  public Fanout(SfuProperties properties, MediaSocket socket, PacketPath path,
      ForwardingDelay delay) {
    this.path = path;
    for (int i = 0; i < SLOTS; i++) {
      ring[i] = new ForwardJob();
    }
    workers = new FanoutWorker[properties.fanoutThreadCount()];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new FanoutWorker(this, i, workers.length, socket, i % socket.channels(), path,
          delay, properties.maxForwardingDelay().toNanos());
    }
  }

  /**
   * Queues one copy of {@code packet} for every endpoint of the conference but its sender, and,
   * when it came from a local endpoint, one copy per relay to another bridge ({@code sender} null:
   * it came over a relay and goes to local endpoints only, so a full mesh has no loops). Packet
   * thread only; returns at once.
   */
  void submit(BridgeConference conference, BridgeEndpoint sender, byte[] packet, int length,
      boolean rtcp, long receivedNanos) {
    long sequence = published + 1;
    if (sequence - slowestDone() > SLOTS) {
      path.fanout.drop(conference.endpoints().length - (sender == null ? 0L : 1L));
      return;
    }
    ring[(int) (sequence % SLOTS)].set(conference, sender, packet, length, rtcp, receivedNanos);
    published = sequence;
    for (FanoutWorker worker : workers) {
      worker.wake();
    }
  }

  long published() {
    return published;
  }

  ForwardJob job(long sequence) {
    return ring[(int) (sequence % SLOTS)];
  }

  boolean isActive() {
    return running;
  }

  private long slowestDone() {
    long slowest = Long.MAX_VALUE;
    for (FanoutWorker worker : workers) {
      slowest = Math.min(slowest, worker.done());
    }
    return slowest;
  }

  @Override
  public void start() {
    running = true;
    for (FanoutWorker worker : workers) {
      worker.start();
    }
  }

  @Override
  public void stop() {
    running = false;
    for (FanoutWorker worker : workers) {
      worker.wake();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
