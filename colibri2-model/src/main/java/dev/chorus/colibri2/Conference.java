package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A Colibri2 conference message: the body of {@code POST /colibri/v2/conferences} and
 * {@code PATCH /colibri/v2/conferences/{meetingId}}, and of the bridge's answers to them.
 * An answer leaves {@code meeting-id}, {@code name}, {@code create} and {@code expire} out and
 * carries the endpoints it allocated plus the bridge's own {@code sources}. {@code relays} link the
 * conference to the same conference on other bridges (see {@link Relay}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Conference(
    @JsonProperty("meeting-id") String meetingId,
    String name,
    Boolean create,
    Boolean expire,
    List<Endpoint> endpoints,
    List<Relay> relays,
    List<MediaSource> sources) {

  /** A request that creates a conference with its first endpoints. */
  public static Conference create(String meetingId, String name, List<Endpoint> endpoints) {
    return new Conference(meetingId, name, true, null, endpoints, null, null);
  }

  /** A PATCH body that changes endpoints of an existing conference. */
  public static Conference patch(List<Endpoint> endpoints) {
    return new Conference(null, null, null, null, endpoints, null, null);
  }

  /** A PATCH body that expires the whole conference. */
  public static Conference expireConference() {
    return new Conference(null, null, null, true, null, null, null);
  }

  /** The bridge's answer: allocated or acknowledged endpoints and, if any, its own sources. */
  public static Conference answer(List<Endpoint> endpoints, List<MediaSource> sources) {
    return new Conference(null, null, null, null, endpoints, null, sources);
  }

  /**
   * A PATCH body that changes one relay, or the bridge's answer to it. Jitsi Videobridge refuses
   * endpoints and relays in one request, and more than one relay per request, so a client sends
   * each relay change alone.
   */
  public static Conference relay(Relay relay) {
    return new Conference(null, null, null, null, null, List.of(relay), null);
  }

  public boolean creates() {
    return Boolean.TRUE.equals(create);
  }

  public boolean expires() {
    return Boolean.TRUE.equals(expire);
  }

  public List<Endpoint> endpointsOrEmpty() {
    return endpoints == null ? List.of() : endpoints;
  }

  public List<Relay> relaysOrEmpty() {
    return relays == null ? List.of() : relays;
  }
}
