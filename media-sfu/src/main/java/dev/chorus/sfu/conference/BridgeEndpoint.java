package dev.chorus.sfu.conference;

import dev.chorus.colibri2.MediaSource;
import dev.chorus.media.transport.dtls.DtlsSession;
import dev.chorus.media.transport.ice.IceCredentials;
import dev.chorus.media.transport.ice.IceLiteResponder;
import dev.chorus.media.transport.rtp.AudioLevelExtension;
import dev.chorus.media.transport.rtp.ReceptionStatistics;
import dev.chorus.media.transport.srtp.SrtpSession;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One endpoint of a conference: its ICE, DTLS and SRTP state and what the packet path needs to
 * know about it. The control plane writes the volatile fields; the packet thread only reads them
 * (and writes its own activity and speech fields), so it never waits for a control-plane lock.
 */
public final class BridgeEndpoint {

  private static final int OPUS_CLOCK_RATE = 48_000;

  private final String id;
  private final String statsId;
  private final BridgeConference conference;
  private final IceLiteResponder ice;
  private volatile DtlsSession dtls;
  private volatile InetSocketAddress address;
  private volatile SrtpSession srtp;
  private volatile boolean audioForceMuted;
  private volatile int opusPayloadType;
  private volatile AudioLevelExtension audioLevel;
  private volatile List<MediaSource> sources = List.of();
  private volatile ReceptionStatistics reception;
  private volatile long lastActivityNanos;
  private volatile boolean released;

  // Written by the packet thread only: smoothed loudness (0 silent .. 127 loud) and its time.
  private volatile int loudness;
  private volatile long lastLoudnessNanos;

  BridgeEndpoint(String id, String statsId, BridgeConference conference, IceCredentials local,
      int opusPayloadType, AudioLevelExtension audioLevel, long nowNanos) {
    this.id = id;
    this.statsId = statsId;
    this.conference = conference;
    this.ice = new IceLiteResponder(local, null);
    this.opusPayloadType = opusPayloadType;
    this.audioLevel = audioLevel;
    this.lastActivityNanos = nowNanos;
  }

  public String id() {
    return id;
  }

  public String statsId() {
    return statsId;
  }

  public BridgeConference conference() {
    return conference;
  }

  public IceLiteResponder ice() {
    return ice;
  }

  public DtlsSession dtls() {
    return dtls;
  }

  void dtls(DtlsSession session) {
    this.dtls = session;
  }

  public InetSocketAddress address() {
    return address;
  }

  void address(InetSocketAddress address) {
    this.address = address;
  }

  public SrtpSession srtp() {
    return srtp;
  }

  void srtp(SrtpSession session) {
    this.srtp = session;
  }

  public boolean audioForceMuted() {
    return audioForceMuted;
  }

  void audioForceMuted(boolean muted) {
    this.audioForceMuted = muted;
  }

  public int opusPayloadType() {
    return opusPayloadType;
  }

  public AudioLevelExtension audioLevel() {
    return audioLevel;
  }

  void media(int payloadType, AudioLevelExtension levelExtension) {
    this.opusPayloadType = payloadType;
    this.audioLevel = levelExtension;
  }

  public List<MediaSource> sources() {
    return sources;
  }

  void sources(List<MediaSource> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Statistics of the audio this endpoint sends, restarted when its SSRC changes. */
  public ReceptionStatistics reception(int ssrc) {
    ReceptionStatistics current = reception;
    if (current == null || current.ssrc() != ssrc) {
      current = new ReceptionStatistics(ssrc, OPUS_CLOCK_RATE);
      reception = current;
    }
    return current;
  }

  public ReceptionStatistics reception() {
    return reception;
  }

  public void touch(long nowNanos) {
    lastActivityNanos = nowNanos;
  }

  public long lastActivityNanos() {
    return lastActivityNanos;
  }

  /** Feeds one packet's RFC 6464 level (0 loud .. 127 silent) into the smoothed loudness. */
  public void heardLevel(int levelDbov, long nowNanos) {
    int heard = 127 - levelDbov;
    loudness = (loudness * 7 + heard) >> 3;
    lastLoudnessNanos = nowNanos;
  }

  public int loudness() {
    return loudness;
  }

  public long lastLoudnessNanos() {
    return lastLoudnessNanos;
  }

  /** Whether media can be sent to this endpoint: ICE found it and DTLS gave keys. */
  public boolean isReachable() {
    return address != null && srtp != null && !released;
  }

  public boolean isReleased() {
    return released;
  }

  /** Frees the crypto state; packets for it are dropped from now on. */
  void release() {
    released = true;
    DtlsSession d = dtls;
    if (d != null) {
      d.close();
    }
    SrtpSession s = srtp;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public String toString() {
    return conference.meetingId() + "/" + id;
  }
}
