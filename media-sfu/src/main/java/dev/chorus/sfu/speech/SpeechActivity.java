package dev.chorus.sfu.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Dominant speaker and speech-activity order of one conference, from the smoothed RFC 6464
 * levels the packet path keeps per endpoint. The loudest endpoint that spoke recently and is
 * above the speech threshold becomes dominant and moves to the front of the order; it stays
 * dominant until another one is louder by a margin, so short peaks do not flip the choice.
 */
public final class SpeechActivity {

  /** Smoothed loudness (127 - dBov) below which an endpoint counts as silent: about -50 dBov. */
  static final int SPEECH_THRESHOLD = 77;
  /** How much louder a challenger must be to take over, in dB. */
  static final int TAKEOVER_MARGIN = 6;
  /** Levels older than this no longer count. */
  static final long RECENT_NANOS = 1_000_000_000L;

  private final List<String> order = new ArrayList<>();
  private String dominant;

  public synchronized void joined(String endpointId) {
    order.add(endpointId);
  }

  public synchronized void left(String endpointId) {
    order.remove(endpointId);
    if (endpointId.equals(dominant)) {
      dominant = null;
    }
  }

  /**
   * Re-evaluates the dominant speaker from the endpoints' current loudness.
   *
   * @return whether the dominant speaker changed
   */
  public synchronized boolean update(List<Loudness> candidates, long nowNanos) {
    Loudness best = null;
    int dominantLoudness = -1;
    for (Loudness c : candidates) {
      if (nowNanos - c.atNanos() > RECENT_NANOS || c.loudness() < SPEECH_THRESHOLD) {
        continue;
      }
      if (c.endpointId().equals(dominant)) {
        dominantLoudness = c.loudness();
      }
      if (best == null || c.loudness() > best.loudness()) {
        best = c;
      }
    }
    if (best == null || best.endpointId().equals(dominant)
        || (dominantLoudness >= 0 && best.loudness() < dominantLoudness + TAKEOVER_MARGIN)) {
      return false;
    }
    dominant = best.endpointId();
    order.remove(dominant);
    order.add(0, dominant);
    return true;
  }

  /** The dominant endpoint's id, or null while nobody has spoken. */
  public synchronized String dominant() {
    return dominant;
  }

  /** Endpoint ids, most recently dominant first, then in joining order. */
  public synchronized List<String> order() {
    return List.copyOf(order);
  }

  /** One endpoint's smoothed loudness (0 silent .. 127 loud) and when it was last measured. */
  public record Loudness(String endpointId, int loudness, long atNanos) {}
}
