package dev.chorus.sfu.media;

import dev.chorus.media.transport.PacketBuffer;
import dev.chorus.media.transport.PacketKind;
import dev.chorus.media.transport.dtls.DtlsSession;
import dev.chorus.media.transport.ice.IceControllingChecks;
import dev.chorus.media.transport.ice.IceLiteResponder;
import dev.chorus.media.transport.ice.StunMessage;
import dev.chorus.media.transport.rtp.AudioLevelExtension;
import dev.chorus.media.transport.rtp.ReceptionStatistics;
import dev.chorus.media.transport.rtp.RtcpPackets;
import dev.chorus.media.transport.rtp.RtpHeader;
import dev.chorus.media.transport.rtp.SenderReport;
import dev.chorus.media.transport.srtp.SrtpResult;
import dev.chorus.media.transport.srtp.SrtpSession;
import dev.chorus.sfu.conference.BridgeConference;
import dev.chorus.sfu.conference.BridgeEndpoint;
import dev.chorus.sfu.conference.BridgeRelay;
import dev.chorus.sfu.conference.ConferenceRegistry;
import dev.chorus.sfu.conference.RelayedEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The packet thread: reads every datagram of the media socket and runs it through the stages of
 * {@link PacketPath}, up to handing decrypted packets to the {@link Fanout} threads, which encrypt
 * and send the copies. It reuses its buffers (no per-packet allocation of its own beyond the
 * socket's source address) and only reads state the control plane publishes through volatile
 * fields and copy-on-write arrays, so it never waits for a control-plane lock.
 */
@Component
public class PacketReceiver implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PacketReceiver.class);
  private static final int MAX_DATAGRAM = 1500;
  private static final long STOP_WAIT_MILLIS = 2_000;
  /** A datagram with room for the SRTP tag its copies get. */
  static final int BUFFER_BYTES = MAX_DATAGRAM + PacketBuffer.TRAILER_ROOM;

  private final MediaSocket socket;
  private final ConferenceRegistry registry;
  private final PacketPath path;
  private final Fanout fanout;

  private final byte[] in = new byte[BUFFER_BYTES];
  private final ByteBuffer inBuffer = ByteBuffer.wrap(in, 0, MAX_DATAGRAM);
  private final PacketBuffer inPacket = new PacketBuffer(in, 0, 0);
  private final byte[] rtcpOut = new byte[BUFFER_BYTES];

  private volatile Thread thread;

  public PacketReceiver(MediaSocket socket, ConferenceRegistry registry, PacketPath path,
      Fanout fanout) {
    this.socket = socket;
    this.registry = registry;
    this.path = path;
    this.fanout = fanout;
  }

  @Override
  public void start() {
    Thread t = new Thread(this::run, "sfu-packets");
    t.setDaemon(true);
    thread = t;
    t.start();
    log.info("Media on UDP port {}, advertised as {}", socket.port(), socket.advertisedAddress());
  }

  @Override
  public void stop() {
    // The thread ends at its next turn, which the wake-up brings at once; waiting for it keeps a
    // restart's new thread from sharing its buffers.
    Thread t = thread;
    thread = null;
    socket.wakeUp();
    if (t != null) {
      try {
        t.join(STOP_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  private void run() {
    while (thread == Thread.currentThread() && socket.isOpen()) {
      try {
        inBuffer.clear();
        InetSocketAddress from = (InetSocketAddress) socket.receive(inBuffer);
        if (from == null) {
          continue;
        }
        BridgeRelay relay = socket.receivedOnRelay();
        if (relay == null) {
          handle(inBuffer.position(), from, System.nanoTime());
        } else {
          handle(relay, inBuffer.position(), from, System.nanoTime());
        }
      } catch (IOException e) {
        if (thread == Thread.currentThread() && socket.isOpen()) {
          log.warn("Media socket read failed: {}", e.toString());
        }
      } catch (RuntimeException e) {
        // One malformed datagram must never stop the bridge.
        path.demux.drop();
        log.warn("Datagram dropped after an unexpected error", e);
      }
    }
  }

  void handle(int len, InetSocketAddress from, long nowNanos) {
    switch (PacketKind.of(in, 0, len)) {
      case STUN -> {
        path.demux.pass();
        handleStun(len, from, nowNanos);
      }
      case DTLS -> {
        path.demux.pass();
        handleDtls(len, from, nowNanos);
      }
      case RTP_OR_RTCP -> {
        path.demux.pass();
        handleSrtp(len, from, nowNanos);
      }
      default -> path.demux.drop();
    }
  }

  private void handleStun(int len, InetSocketAddress from, long nowNanos) {
    StunMessage message = StunMessage.parse(in, 0, len);
    BridgeEndpoint endpoint = message == null ? null : registry.endpointAt(from);
    if (message != null && endpoint == null) {
      String ufrag = IceLiteResponder.targetUfrag(message);
      endpoint = ufrag == null ? null : registry.endpointByUfrag(ufrag);
    }
    if (endpoint == null) {
      path.ice.drop();
      return;
    }
    IceLiteResponder.CheckOutcome outcome = endpoint.ice().answer(message, from);
    if (!outcome.valid()) {
      path.ice.drop();
      return;
    }
    path.ice.pass();
    endpoint.touch(nowNanos);
    registry.validated(endpoint, from, outcome.nominated());
    byte[] response = outcome.response();
    socket.send(response, 0, response.length, from);
  }

  private void handleDtls(int len, InetSocketAddress from, long nowNanos) {
    // Only addresses a valid ICE check came from may talk DTLS (the client proved it owns them).
    BridgeEndpoint endpoint = registry.endpointAt(from);
    if (endpoint == null) {
      path.dtls.drop();
      return;
    }
    path.dtls.pass();
    endpoint.touch(nowNanos);
    endpoint.dtls().receive(in, 0, len);
  }

  /**
   * A datagram on a relay's own port: the same demultiplexing, with the relay's ICE, DTLS and
   * SRTP state. DTLS and media count only from the address ICE validated.
   */
  void handle(BridgeRelay relay, int len, InetSocketAddress from, long nowNanos) {
    switch (PacketKind.of(in, 0, len)) {
      case STUN -> {
        path.demux.pass();
        handleRelayStun(relay, len, from, nowNanos);
      }
      case DTLS -> {
        path.demux.pass();
        DtlsSession session = relay.dtls();
        if (session == null || !from.equals(relay.address())) {
          path.dtls.drop();
          return;
        }
        path.dtls.pass();
        relay.touch(nowNanos);
        session.receive(in, 0, len);
      }
      case RTP_OR_RTCP -> {
        path.demux.pass();
        handleRelaySrtp(relay, len, from, nowNanos);
      }
      default -> path.demux.drop();
    }
  }

  /** A check from the other bridge (answered, as for browsers), or the answer to one of ours. */
  private void handleRelayStun(BridgeRelay relay, int len, InetSocketAddress from,
      long nowNanos) {
    StunMessage message = StunMessage.parse(in, 0, len);
    if (message == null) {
      path.ice.drop();
      return;
    }
    if (message.isBindingSuccess()) {
      IceControllingChecks checks = relay.checks();
      if (checks == null || !checks.acceptResponse(message)) {
        path.ice.drop();
        return;
      }
      path.ice.pass();
      relay.touch(nowNanos);
      registry.relayValidated(relay, from);
      return;
    }
    IceLiteResponder.CheckOutcome outcome = relay.ice().answer(message, from);
    if (!outcome.valid()) {
      path.ice.drop();
      return;
    }
    path.ice.pass();
    relay.touch(nowNanos);
    registry.relayValidated(relay, from);
    byte[] response = outcome.response();
    relay.port().send(response, 0, response.length, from);
  }

  private void handleSrtp(int len, InetSocketAddress from, long nowNanos) {
    BridgeEndpoint sender = registry.endpointAt(from);
    if (sender == null) {
      path.srtpDecrypt.drop();
      return;
    }
    SrtpSession srtp = sender.srtp();
    if (srtp == null) {
      path.srtpDecrypt.drop();
      return;
    }
    inPacket.set(in, 0, len);
    boolean rtcp = RtpHeader.isRtcp(in, 0, len);
    SrtpResult result = rtcp ? srtp.unprotectRtcp(inPacket) : srtp.unprotectRtp(inPacket);
    if (result != SrtpResult.OK) {
      path.srtpDecrypt.drop();
      return;
    }
    path.srtpDecrypt.pass();
    sender.touch(nowNanos);
    if (rtcp) {
      handleRtcp(sender, inPacket.getLength(), nowNanos);
    } else {
      handleRtp(sender, inPacket.getLength(), nowNanos);
    }
  }

  private void handleRtp(BridgeEndpoint sender, int len, long nowNanos) {
    if (sender.audioForceMuted()) {
      path.forceMute.drop();
      return;
    }
    path.forceMute.pass();
    if (RtpHeader.payloadType(in, 0) != sender.opusPayloadType()) {
      path.audioLevel.drop();
      return;
    }
    ReceptionStatistics reception = sender.reception(RtpHeader.ssrc(in, 0));
    reception.packetReceived(RtpHeader.sequenceNumber(in, 0), RtpHeader.timestamp(in, 0),
        nowNanos);
    AudioLevelExtension levels = sender.audioLevel();
    if (levels != null) {
      int found = levels.find(in, 0, len);
      if (found != AudioLevelExtension.NOT_FOUND) {
        sender.level().heard(AudioLevelExtension.level(found), nowNanos);
      }
    }
    path.audioLevel.pass();
    fanout.submit(sender.conference(), sender, in, len, false, nowNanos);
  }

  /**
   * Media from another bridge: only SSRCs of endpoints announced on the relay are accepted (before
   * any decryption); it goes to every local endpoint and never over a relay again, so a full mesh
   * has no loops. Force-mute was applied by the sender's bridge.
   */
  private void handleRelaySrtp(BridgeRelay relay, int len, InetSocketAddress from,
      long nowNanos) {
    SrtpSession srtp = from.equals(relay.address()) ? relay.srtp() : null;
    boolean rtcp = RtpHeader.isRtcp(in, 0, len);
    RelayedEndpoint source = srtp == null || rtcp ? null
        : relay.endpointBySsrc(RtpHeader.ssrc(in, 0));
    if (srtp == null || (!rtcp && source == null)) {
      path.srtpDecrypt.drop();
      return;
    }
    inPacket.set(in, 0, len);
    SrtpResult result = rtcp ? srtp.unprotectRtcp(inPacket) : srtp.unprotectRtp(inPacket);
    if (result != SrtpResult.OK) {
      path.srtpDecrypt.drop();
      return;
    }
    path.srtpDecrypt.pass();
    relay.touch(nowNanos);
    relay.received();
    int plainLength = inPacket.getLength();
    if (rtcp) {
      int forwardLength = copySenderReports(null, plainLength, nowNanos);
      if (forwardLength == 0) {
        path.rtcp.drop();
        return;
      }
      path.rtcp.pass();
      fanout.submit(relay.conference(), null, rtcpOut, forwardLength, true, nowNanos);
      return;
    }
    AudioLevelExtension levels = relay.audioLevel();
    if (levels != null) {
      int found = levels.find(in, 0, plainLength);
      if (found != AudioLevelExtension.NOT_FOUND) {
        source.level().heard(AudioLevelExtension.level(found), nowNanos);
      }
    }
    fanout.submit(relay.conference(), null, in, plainLength, false, nowNanos);
  }

  /**
   * Sender reports go on to the listeners without the speaker's report blocks; receiver reports
   * and feedback stop here (the bridge reports its own reception, see {@code Housekeeping}).
   */
  private void handleRtcp(BridgeEndpoint sender, int len, long nowNanos) {
    int forwardLength = copySenderReports(sender, len, nowNanos);
    if (forwardLength == 0) {
      path.rtcp.drop();
      return;
    }
    path.rtcp.pass();
    fanout.submit(sender.conference(), sender, rtcpOut, forwardLength, true, nowNanos);
  }

  /**
   * Copies the sender reports of the compound in {@code in} to {@code rtcpOut} without report
   * blocks, feeding a local sender's reception statistics ({@code sender} null: from a relay).
   *
   * @return the length to forward, 0 for nothing
   */
  private int copySenderReports(BridgeEndpoint sender, int len, long nowNanos) {
    if (!RtcpPackets.isValidCompound(in, 0, len)) {
      return 0;
    }
    int forwardLength = 0;
    for (int pos = 0; pos < len; pos = RtcpPackets.next(in, pos)) {
      if (RtcpPackets.packetType(in, pos) != RtcpPackets.SR) {
        continue;
      }
      ReceptionStatistics reception = sender == null ? null : sender.reception();
      if (reception != null && reception.ssrc() == RtcpPackets.senderSsrc(in, pos)) {
        SenderReport report = SenderReport.read(in, pos, len - pos);
        if (report != null) {
          reception.senderReportReceived(report, nowNanos);
        }
      }
      boolean muted = sender != null && sender.audioForceMuted();
      if (!muted && forwardLength + SenderReport.HEADER_LENGTH <= MAX_DATAGRAM) {
        int copied = SenderReport.copyWithoutReportBlocks(in, pos, len - pos, rtcpOut,
            forwardLength);
        if (copied > 0) {
          forwardLength += copied;
        }
      }
    }
    return forwardLength;
  }
}
