package dev.chorus.sfu.media;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The stages a datagram goes through, in order, each counting passed and dropped packets (served
 * under {@code packet_path} in {@code /colibri/stats}).
 */
@Component
public class PacketPath {

  /** RFC 7983 first-byte classification; drops what is neither STUN, DTLS nor RTP/RTCP. */
  final PacketStage demux = new PacketStage("demux");
  /** ICE-lite: passes valid checks (answered), drops the rest (wrong ufrag, integrity, not a check). */
  final PacketStage ice = new PacketStage("ice");
  /** DTLS records handed to the endpoint's session; drops those from unvalidated addresses. */
  final PacketStage dtls = new PacketStage("dtls");
  /** SRTP/SRTCP decryption; drops unknown sources, packets before keys, failed auth, replays. */
  final PacketStage srtpDecrypt = new PacketStage("srtp-decrypt");
  /** Drops audio of force-muted endpoints. */
  final PacketStage forceMute = new PacketStage("force-mute");
  /** Reads the RFC 6464 level for speaker identification; drops non-audio payload types. */
  final PacketStage audioLevel = new PacketStage("audio-level");
  /** RTCP: passes sender reports on, terminates (drops) receiver reports and feedback. */
  final PacketStage rtcp = new PacketStage("rtcp");
  /**
   * One count per receiver copy: passes copies sent; drops copies for receivers not ready, copies
   * the socket refused, and every copy of a packet that found the fan-out queue full or waited in
   * it longer than {@code max-forwarding-delay}.
   */
  final PacketStage fanout = new PacketStage("fanout");

  public List<PacketStage> stages() {
    return List.of(demux, ice, dtls, srtpDecrypt, forceMute, audioLevel, rtcp, fanout);
  }
}
