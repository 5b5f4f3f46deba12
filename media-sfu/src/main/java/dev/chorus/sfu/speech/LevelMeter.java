package dev.chorus.sfu.speech;

/**
 * Smoothed loudness of one audio sender (0 silent .. 127 loud) from the RFC 6464 levels of its
 * packets, and when it was last measured. Written by the packet thread only; read by
 * housekeeping for {@link SpeechActivity}.
 */
public final class LevelMeter {

  private volatile int loudness;
  private volatile long lastNanos;

  /** Feeds one packet's RFC 6464 level (0 loud .. 127 silent). */
  public void heard(int levelDbov, long nowNanos) {
    int heard = 127 - levelDbov;
    loudness = (loudness * 7 + heard) >> 3;
    lastNanos = nowNanos;
  }

  public int loudness() {
    return loudness;
  }

  public long lastNanos() {
    return lastNanos;
  }
}
