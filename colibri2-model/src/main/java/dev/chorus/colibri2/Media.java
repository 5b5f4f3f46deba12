package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One media description of an endpoint: its type, payload types and RTP header extensions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Media(
    String type,
    @JsonProperty("payload-types") List<PayloadType> payloadTypes,
    @JsonProperty("rtp-hdrexts") List<RtpHdrExt> rtpHdrExts) {

  public static final String AUDIO = "audio";

  /** Opus/48000/2 as payload type 111 with the RFC 6464 audio level extension as id 1. */
  public static Media opusWithAudioLevel() {
    return new Media(AUDIO, List.of(PayloadType.opus(111)),
        List.of(new RtpHdrExt(RtpHdrExt.AUDIO_LEVEL_URI, 1)));
  }
}
