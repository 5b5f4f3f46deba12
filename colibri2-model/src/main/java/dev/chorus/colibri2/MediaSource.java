package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A named media source ({@code type} audio or video) with its RTP streams. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaSource(String type, String id, List<Source> sources) {

  public static MediaSource audio(String id, long ssrc) {
    return new MediaSource(Media.AUDIO, id, List.of(new Source(ssrc, id, null)));
  }
}
