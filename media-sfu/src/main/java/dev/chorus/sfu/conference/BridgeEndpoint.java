package dev.chorus.sfu.conference;

import dev.chorus.colibri2.MediaSource;
import dev.chorus.media.transport.ice.IceCredentials;
import dev.chorus.media.transport.rtp.AudioLevelExtension;
import dev.chorus.media.transport.rtp.ReceptionStatistics;
import dev.chorus.sfu.speech.LevelMeter;
import java.util.List;

/**
 * One endpoint of a conference: its transport ({@link BridgeTransport}) and what the packet path
 * needs to know about its audio. As for the transport, the control plane writes the volatile
 * fields and the packet thread only reads them (and writes its own speech fields).
 */
public final class BridgeEndpoint extends BridgeTransport {

  private static final int OPUS_CLOCK_RATE = 48_000;

  private final long ordinal;
  private final String id;
  private final String statsId;
  private final BridgeConference conference;
  private volatile boolean audioForceMuted;
  private volatile int opusPayloadType;
  private volatile AudioLevelExtension audioLevel;
  private volatile List<MediaSource> sources = List.of();
  private volatile ReceptionStatistics reception;

  private final LevelMeter level = new LevelMeter();

  BridgeEndpoint(long ordinal, String id, String statsId, BridgeConference conference,
      IceCredentials local, int opusPayloadType, AudioLevelExtension audioLevel, long nowNanos) {
    super(local, nowNanos);
    this.ordinal = ordinal;
    this.id = id;
    this.statsId = statsId;
    this.conference = conference;
    this.opusPayloadType = opusPayloadType;
    this.audioLevel = audioLevel;
  }

  /**
   * The endpoint's allocation number on this bridge (1, 2, ...), fixed for its life: the fan-out
   * gives each receiver to one thread by it, so consecutive allocations spread evenly.
   */
  public long ordinal() {
    return ordinal;
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

  /** The smoothed loudness of this endpoint's audio, fed by the packet thread. */
  public LevelMeter level() {
    return level;
  }

  @Override
  public String toString() {
    return conference.meetingId() + "/" + id;
  }
}
