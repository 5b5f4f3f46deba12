package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * An endpoint's {@code transport}: the ICE-UDP transport (nested under a second
 * {@code transport} key, as Jitsi Videobridge writes it), whether the client controls ICE, and
 * {@code ice-restart} to get new bridge credentials, and {@code sctp} when data channels are
 * requested (media-sfu refuses those: audio only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Transport(
    IceUdpTransport transport,
    @JsonProperty("ice-controlling") Boolean iceControlling,
    @JsonProperty("ice-restart") Boolean iceRestart,
    Map<String, Object> sctp) {

  public static Transport clientControlsIce() {
    return new Transport(null, true, null, null);
  }

  /** Asks the bridge for new ICE credentials (and a new DTLS session) for an endpoint. */
  public static Transport restartIce() {
    return new Transport(null, null, true, null);
  }

  public static Transport of(IceUdpTransport transport) {
    return new Transport(transport, null, null, null);
  }
}
