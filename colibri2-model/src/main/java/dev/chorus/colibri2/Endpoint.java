package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One endpoint inside a Colibri2 conference message. In a request, {@code create} allocates it,
 * {@code expire} releases it, and {@code transport}, {@code sources} and {@code force-mute} update
 * it. In an answer it carries the bridge's side of the transport (or only the id, or the id and
 * {@code expire: true}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Endpoint(
    String id,
    Boolean create,
    Boolean expire,
    @JsonProperty("stats-id") String statsId,
    @JsonProperty("muc-role") String mucRole,
    List<Media> medias,
    Transport transport,
    List<MediaSource> sources,
    List<String> capabilities,
    @JsonProperty("force-mute") ForceMute forceMute) {

  /** The capability without which Jitsi Videobridge refuses to create an endpoint. */
  public static final String CAPABILITY_SOURCE_NAMES = "source-names";

  /** A request that allocates an audio endpoint (the bridge answers with its transport). */
  public static Endpoint create(String id, String statsId, List<Media> medias) {
    return new Endpoint(id, true, null, statsId, null, medias, Transport.clientControlsIce(), null,
        List.of(CAPABILITY_SOURCE_NAMES), null);
  }

  /**
   * An endpoint of another bridge, created on a relay: {@code sources} are the SSRCs that come
   * over the relay on its behalf (update them with {@link #update}, remove it with
   * {@link #expire}).
   */
  public static Endpoint relayed(String id, String statsId, List<MediaSource> sources) {
    return new Endpoint(id, true, null, statsId, null, null, null, sources, null, null);
  }

  /** A request that sets the client's transport and/or sources of an existing endpoint. */
  public static Endpoint update(String id, Transport transport, List<MediaSource> sources) {
    return new Endpoint(id, null, null, null, null, null, transport, sources, null, null);
  }

  /** A request that force-mutes (or un-mutes) an endpoint's audio at the bridge. */
  public static Endpoint forceMute(String id, boolean audio) {
    return new Endpoint(id, null, null, null, null, null, null, null, null,
        new ForceMute(audio, false));
  }

  /** A request, or its echo in the answer, that expires an endpoint. */
  public static Endpoint expire(String id) {
    return new Endpoint(id, null, true, null, null, null, null, null, null, null);
  }

  /** An answer naming only the endpoint that was updated. */
  public static Endpoint acknowledged(String id) {
    return new Endpoint(id, null, null, null, null, null, null, null, null, null);
  }

  /** An answer to an allocation: the bridge's side of the transport. */
  public static Endpoint allocated(String id, Transport transport) {
    return new Endpoint(id, null, null, null, null, null, transport, null, null, null);
  }

  public boolean creates() {
    return Boolean.TRUE.equals(create);
  }

  public boolean expires() {
    return Boolean.TRUE.equals(expire);
  }
}
