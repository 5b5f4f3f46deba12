package dev.chorus.sfu.media;

import dev.chorus.media.transport.PacketBuffer;
import dev.chorus.media.transport.srtp.SrtpResult;
import dev.chorus.media.transport.srtp.SrtpSession;
import dev.chorus.sfu.conference.BridgeEndpoint;
import dev.chorus.sfu.conference.BridgeRelay;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.SingleWriterRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fan-out thread: takes every packet {@link Fanout} publishes, in order, and sends a copy,
 * encrypted with the receiver's own SRTP context, to each of its receivers (those whose ordinal
 * modulo the thread count is its index). Its buffers are its own and reused for every copy.
 */
final class FanoutWorker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(FanoutWorker.class);

  private final Fanout fanout;
  private final int index;
  private final int workers;
  private final MediaSocket socket;
  private final int channel;
  private final PacketPath path;
  private final SingleWriterRecorder delay;
  private final long maxDelayNanos;
  private final byte[] out = new byte[PacketReceiver.BUFFER_BYTES];
  private final ByteBuffer outBuffer = ByteBuffer.wrap(out);
  private final PacketBuffer outPacket = new PacketBuffer(out, 0, 0);
  /** The last sequence number handled; the packet thread reuses slots every worker has passed. */
  private volatile long done = -1;
  private volatile Thread thread;

  FanoutWorker(Fanout fanout, int index, int workers, MediaSocket socket, int channel,
      PacketPath path, ForwardingDelay delay, long maxDelayNanos) {
    this.fanout = fanout;
    this.index = index;
    this.workers = workers;
    this.socket = socket;
    this.channel = channel;
    this.path = path;
    this.delay = delay.newRecorder();
    this.maxDelayNanos = maxDelayNanos;
  }

  void start() {
    done = fanout.published();
    Thread t = new Thread(this, "sfu-fanout-" + index);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  long done() {
    return done;
  }

  /** Unparks the thread; cheap when it is already running (the permit just stays set). */
  void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  @Override
  public void run() {
    while (fanout.isActive()) {
      long next = done + 1;
      if (next > fanout.published()) {
        // A submit after this check unparks us, so the park returns at once: no lost wake-up.
        LockSupport.park(this);
        continue;
      }
      try {
        forward(fanout.job(next));
      } catch (RuntimeException e) {
        // One bad copy must never stop this thread's share of every conference.
        log.warn("Forwarded packet dropped after an unexpected error", e);
      }
      done = next;
    }
  }

  private void forward(ForwardJob job) {
    BridgeEndpoint sender = job.sender;
    boolean stale = maxDelayNanos > 0 && System.nanoTime() - job.receivedNanos > maxDelayNanos;
    for (BridgeEndpoint receiver : job.conference.endpoints()) {
      if (receiver == sender || receiver.ordinal() % workers != index) {
        continue;
      }
      if (stale) {
        path.fanout.drop();
        continue;
      }
      InetSocketAddress to = receiver.address();
      if (to == null || receiver.isReleased()) {
        path.fanout.drop();
        continue;
      }
      send(job, receiver.srtp(), null, to);
    }
    // The first thread carries the relays: a relay's send context stays with one thread.
    if (sender != null && index == 0) {
      for (BridgeRelay relay : job.conference.relays()) {
        InetSocketAddress to = relay.address();
        if (stale || to == null || relay.isReleased()) {
          path.fanout.drop();
        } else if (send(job, relay.srtp(), relay.port(), to)) {
          relay.sent();
        }
      }
    }
  }

  /**
   * Encrypts one copy with the receiver's context and sends it through the relay's port, or this
   * thread's channel of the media port when {@code relayPort} is null; answers whether it left.
   */
  private boolean send(ForwardJob job, SrtpSession srtp, RelayPort relayPort,
      InetSocketAddress to) {
    if (srtp == null) {
      path.fanout.drop();
      return false;
    }
    System.arraycopy(job.packet, 0, out, 0, job.length);
    outPacket.set(out, 0, job.length);
    SrtpResult result = job.rtcp ? srtp.protectRtcp(outPacket) : srtp.protectRtp(outPacket);
    outBuffer.clear().limit(outPacket.getLength());
    boolean sent = result == SrtpResult.OK && (relayPort == null
        ? socket.send(channel, outBuffer, to) : relayPort.send(outBuffer, to));
    if (!sent) {
      path.fanout.drop();
      return false;
    }
    path.fanout.pass();
    delay.recordValue(System.nanoTime() - job.receivedNanos);
    return true;
  }
}
