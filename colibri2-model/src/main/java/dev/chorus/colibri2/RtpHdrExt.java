package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An RTP header extension negotiated for a media (its id is a JSON number, unlike payload ids). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpHdrExt(String uri, int id) {

  /** RFC 6464 client-to-mixer audio level. */
  public static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
}
