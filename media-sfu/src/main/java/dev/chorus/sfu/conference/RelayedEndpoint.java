package dev.chorus.sfu.conference;

import dev.chorus.colibri2.MediaSource;
import dev.chorus.colibri2.Source;
import dev.chorus.sfu.speech.LevelMeter;
import java.util.List;
import java.util.stream.Stream;

/**
 * An endpoint of another bridge, known through a relay: which SSRCs come over the relay on its
 * behalf, and how loud it is (so it can be the dominant speaker here too). Immutable but for the
 * level, which the packet thread feeds.
 */
public final class RelayedEndpoint {

  private final String id;
  private final String statsId;
  private final int[] ssrcs;
  private final LevelMeter level;

  RelayedEndpoint(String id, String statsId, List<MediaSource> sources, LevelMeter level) {
    this.id = id;
    this.statsId = statsId;
    this.ssrcs = sources.stream()
        .flatMap(m -> m.sources() == null ? Stream.<Source>empty() : m.sources().stream())
        .mapToLong(Source::ssrc).mapToInt(s -> (int) s).toArray();
    this.level = level;
  }

  /** The same endpoint with other sources (its level carries over). */
  RelayedEndpoint withSources(List<MediaSource> sources) {
    return new RelayedEndpoint(id, statsId, sources, level);
  }

  public String id() {
    return id;
  }

  public String statsId() {
    return statsId;
  }

  boolean sends(int ssrc) {
    for (int s : ssrcs) {
      if (s == ssrc) {
        return true;
      }
    }
    return false;
  }

  public LevelMeter level() {
    return level;
  }
}
