package dev.chorus.sfu.media;

import dev.chorus.media.transport.PacketBuffer;
import dev.chorus.media.transport.PacketKind;
import dev.chorus.media.transport.ice.IceLiteResponder;
import dev.chorus.media.transport.ice.StunMessage;
import dev.chorus.media.transport.rtp.AudioLevelExtension;
import dev.chorus.media.transport.rtp.ReceptionStatistics;
import dev.chorus.media.transport.rtp.RtcpPackets;
import dev.chorus.media.transport.rtp.RtpHeader;
import dev.chorus.media.transport.rtp.SenderReport;
import dev.chorus.media.transport.srtp.SrtpResult;
import dev.chorus.media.transport.srtp.SrtpSession;
import dev.chorus.sfu.conference.BridgeEndpoint;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The packet thread: reads every datagram of the media socket and runs it through the stages of
 * {@link PacketPath}. It reuses its buffers (no per-packet allocation of its own beyond the
 * socket's source address) and only reads state the control plane publishes through volatile
 * fields and copy-on-write arrays, so it never waits for a control-plane lock.
 */
@Component
public class PacketReceiver implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PacketReceiver.class);
  private static final int MAX_DATAGRAM = 1500;
  private static final int BUFFER_BYTES = MAX_DATAGRAM + PacketBuffer.TRAILER_ROOM;

  private final MediaSocket socket;
  private final ConferenceRegistry registry;
  private final PacketPath path;
  private final ForwardingDelay delay;

  private final byte[] in = new byte[BUFFER_BYTES];
  private final ByteBuffer inBuffer = ByteBuffer.wrap(in, 0, MAX_DATAGRAM);
  private final PacketBuffer inPacket = new PacketBuffer(in, 0, 0);
  private final byte[] out = new byte[BUFFER_BYTES];
  private final ByteBuffer outBuffer = ByteBuffer.wrap(out);
  private final PacketBuffer outPacket = new PacketBuffer(out, 0, 0);
  private final byte[] rtcpOut = new byte[BUFFER_BYTES];

  private volatile Thread thread;

  public PacketReceiver(MediaSocket socket, ConferenceRegistry registry, PacketPath path,
      ForwardingDelay delay) {
    this.socket = socket;
    this.registry = registry;
    this.path = path;
    this.delay = delay;
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
    Thread t = thread;
    thread = null;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  private void run() {
    while (thread != null && socket.isOpen()) {
      try {
        inBuffer.clear();
        InetSocketAddress from = (InetSocketAddress) socket.receive(inBuffer);
        handle(inBuffer.position(), from, System.nanoTime());
      } catch (IOException e) {
        if (thread != null && socket.isOpen()) {
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

  private void handleSrtp(int len, InetSocketAddress from, long nowNanos) {
    BridgeEndpoint sender = registry.endpointAt(from);
    SrtpSession srtp = sender == null ? null : sender.srtp();
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
        sender.heardLevel(AudioLevelExtension.level(found), nowNanos);
      }
    }
    path.audioLevel.pass();
    fanOut(sender, in, len, false, nowNanos);
  }

  /**
   * Sender reports go on to the listeners without the speaker's report blocks; receiver reports
   * and feedback stop here (the bridge reports its own reception, see {@code Housekeeping}).
   */
  private void handleRtcp(BridgeEndpoint sender, int len, long nowNanos) {
    if (!RtcpPackets.isValidCompound(in, 0, len)) {
      path.rtcp.drop();
      return;
    }
    int forwardLength = 0;
    for (int pos = 0; pos < len; pos = RtcpPackets.next(in, pos)) {
      if (RtcpPackets.packetType(in, pos) != RtcpPackets.SR) {
        continue;
      }
      ReceptionStatistics reception = sender.reception();
      if (reception != null && reception.ssrc() == RtcpPackets.senderSsrc(in, pos)) {
        SenderReport report = SenderReport.read(in, pos, len - pos);
        if (report != null) {
          reception.senderReportReceived(report, nowNanos);
        }
      }
      if (!sender.audioForceMuted() && forwardLength + SenderReport.HEADER_LENGTH <= MAX_DATAGRAM) {
        int copied = SenderReport.copyWithoutReportBlocks(in, pos, len - pos, rtcpOut,
            forwardLength);
        if (copied > 0) {
          forwardLength += copied;
        }
      }
    }
    if (forwardLength == 0) {
      path.rtcp.drop();
      return;
    }
    path.rtcp.pass();
    fanOut(sender, rtcpOut, forwardLength, true, nowNanos);
  }

  /** Sends one copy per other reachable endpoint, each encrypted with the receiver's context. */
  private void fanOut(BridgeEndpoint sender, byte[] packet, int len, boolean rtcp,
      long receivedNanos) {
    for (BridgeEndpoint receiver : sender.conference().endpoints()) {
      if (receiver == sender) {
        continue;
      }
      SrtpSession srtp = receiver.srtp();
      InetSocketAddress to = receiver.address();
      if (srtp == null || to == null || receiver.isReleased()) {
        path.fanout.drop();
        continue;
      }
      System.arraycopy(packet, 0, out, 0, len);
      outPacket.set(out, 0, len);
      SrtpResult protectedResult = rtcp ? srtp.protectRtcp(outPacket) : srtp.protectRtp(outPacket);
      if (protectedResult != SrtpResult.OK) {
        path.fanout.drop();
        continue;
      }
      outBuffer.clear().limit(outPacket.getLength());
      if (socket.send(outBuffer, to)) {
        path.fanout.pass();
        delay.record(System.nanoTime() - receivedNanos);
      } else {
        path.fanout.drop();
      }
    }
  }
}
