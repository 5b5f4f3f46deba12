package dev.chorus.sfu.conference;

import dev.chorus.sfu.speech.SpeechActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A conference: its endpoints and its relays to other bridges as copy-on-write arrays, so the
 * packet thread reads a consistent snapshot without a lock while the control plane adds and
 * removes them under this object.
 */
public final class BridgeConference {

  private static final BridgeEndpoint[] NONE = new BridgeEndpoint[0];
  private static final BridgeRelay[] NO_RELAYS = new BridgeRelay[0];

  private final String meetingId;
  private final String name;
  private final long bridgeAudioSsrc;
  private final long createdNanos;
  private final SpeechActivity speech = new SpeechActivity();
  private volatile BridgeEndpoint[] endpoints = NONE;
  private volatile BridgeRelay[] relays = NO_RELAYS;
  private volatile long lastChangeNanos;
  private volatile boolean expired;

  BridgeConference(String meetingId, String name, long bridgeAudioSsrc, long nowNanos) {
    this.meetingId = meetingId;
    this.name = name;
    this.bridgeAudioSsrc = bridgeAudioSsrc;
    this.createdNanos = nowNanos;
    this.lastChangeNanos = nowNanos;
  }

  public String meetingId() {
    return meetingId;
  }

  public String name() {
    return name;
  }

  /** The SSRC of the bridge's own audio source ({@code jvb-a0}), also the sender of its RTCP. */
  public long bridgeAudioSsrc() {
    return bridgeAudioSsrc;
  }

  public long createdNanos() {
    return createdNanos;
  }

  public SpeechActivity speech() {
    return speech;
  }

  /** The current endpoints; the array must not be modified. */
  public BridgeEndpoint[] endpoints() {
    return endpoints;
  }

  public Optional<BridgeEndpoint> endpoint(String id) {
    for (BridgeEndpoint e : endpoints) {
      if (e.id().equals(id)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public List<String> endpointIds() {
    List<String> ids = new ArrayList<>();
    for (BridgeEndpoint e : endpoints) {
      ids.add(e.id());
    }
    return ids;
  }

  /** The current relays to other bridges; the array must not be modified. */
  public BridgeRelay[] relays() {
    return relays;
  }

  public Optional<BridgeRelay> relay(String id) {
    for (BridgeRelay r : relays) {
      if (r.id().equals(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  public long lastChangeNanos() {
    return lastChangeNanos;
  }

  public boolean isExpired() {
    return expired;
  }

  synchronized void add(BridgeEndpoint endpoint, long nowNanos) {
    endpoints = CopyOnWrite.with(endpoints, endpoint);
    lastChangeNanos = nowNanos;
    speech.joined(endpoint.id());
  }

  synchronized boolean remove(BridgeEndpoint endpoint, long nowNanos) {
    BridgeEndpoint[] current = endpoints;
    endpoints = CopyOnWrite.without(current, endpoint);
    if (endpoints == current) {
      return false;
    }
    lastChangeNanos = nowNanos;
    speech.left(endpoint.id());
    return true;
  }

  synchronized void add(BridgeRelay relay, long nowNanos) {
    relays = CopyOnWrite.with(relays, relay);
    lastChangeNanos = nowNanos;
  }

  synchronized boolean remove(BridgeRelay relay, long nowNanos) {
    BridgeRelay[] current = relays;
    relays = CopyOnWrite.without(current, relay);
    if (relays == current) {
      return false;
    }
    lastChangeNanos = nowNanos;
    for (RelayedEndpoint e : relay.endpoints()) {
      speech.left(e.id());
    }
    return true;
  }

  void markExpired() {
    expired = true;
  }
}
