package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One relay inside a Colibri2 conference message: the link from this bridge's conference to the
 * same conference on another bridge. In a request, {@code create} allocates it (with
 * {@code transport.ice-controlling} deciding the ICE role and {@code mesh-id} naming the mesh),
 * {@code transport.transport} gives the other bridge's ICE credentials, candidates and DTLS
 * fingerprint, {@code endpoints} creates, updates or expires the other bridge's endpoints (their
 * {@code sources} say which SSRCs come over the relay), and {@code expire} releases it. In an
 * answer it carries the relay's own transport (on create), only its id, or its id and
 * {@code expire: true}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Relay(
    String id,
    Boolean create,
    Boolean expire,
    @JsonProperty("mesh-id") String meshId,
    List<Media> medias,
    Transport transport,
    List<Endpoint> endpoints) {

  /**
   * A request that allocates a relay; the bridge answers with its side of the transport.
   *
   * @param iceControlling whether this side sends the ICE checks (one side of a pair only)
   * @param endpoints the other bridge's endpoints known so far, each made with
   *     {@link Endpoint#relayed}
   */
  public static Relay create(String id, String meshId, boolean iceControlling, List<Media> medias,
      List<Endpoint> endpoints) {
    return new Relay(id, true, null, meshId, medias,
        new Transport(null, iceControlling ? Boolean.TRUE : null, null, null), endpoints);
  }

  /** A request that gives the relay the other bridge's transport. */
  public static Relay transport(String id, IceUdpTransport remote) {
    return new Relay(id, null, null, null, null, Transport.of(remote), null);
  }

  /** A request that creates, updates or expires endpoints of the other bridge on this relay. */
  public static Relay endpoints(String id, List<Endpoint> endpoints) {
    return new Relay(id, null, null, null, null, null, endpoints);
  }

  /** A request, or its echo in the answer, that expires a relay. */
  public static Relay expire(String id) {
    return new Relay(id, null, true, null, null, null, null);
  }

  /** An answer naming only the relay that was updated. */
  public static Relay acknowledged(String id) {
    return new Relay(id, null, null, null, null, null, null);
  }

  /** An answer to an allocation: the relay's side of the transport. */
  public static Relay allocated(String id, Transport transport) {
    return new Relay(id, null, null, null, null, transport, null);
  }

  public boolean creates() {
    return Boolean.TRUE.equals(create);
  }

  public boolean expires() {
    return Boolean.TRUE.equals(expire);
  }

  /** Whether this side sends the ICE checks ({@code ice-controlling}, false when absent). */
  public boolean iceControlling() {
    return transport != null && Boolean.TRUE.equals(transport.iceControlling());
  }

  public List<Endpoint> endpointsOrEmpty() {
    return endpoints == null ? List.of() : endpoints;
  }
}
