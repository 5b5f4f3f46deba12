package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer of {@code GET .../dominant-speaker-identification}. Jitsi Videobridge writes
 * {@code dominantEndpoint} as the string {@code "null"} when nobody dominates, while
 * {@code dominantSpeakerIdentification} is a JSON null; both are kept as they are on the wire.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DominantSpeakerIdentification(
    String dominantEndpoint,
    Object dominantSpeakerIdentification,
    List<String> endpointsBySpeechActivity,
    List<String> endpointsInLastNOrder) {

  /** What the wire says when no endpoint is dominant. */
  public static final String NONE = "null";

  public static DominantSpeakerIdentification of(String dominant, List<String> bySpeechActivity) {
    return new DominantSpeakerIdentification(dominant == null ? NONE : dominant, null,
        bySpeechActivity, bySpeechActivity);
  }

  /** The dominant endpoint's id, or null when there is none. */
  public String dominantEndpointOrNull() {
    return dominantEndpoint == null || NONE.equals(dominantEndpoint) ? null : dominantEndpoint;
  }
}
