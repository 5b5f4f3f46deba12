package dev.chorus.sfu.conference;

import dev.chorus.sfu.speech.SpeechActivity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A conference: its endpoints as a copy-on-write array, so the packet thread reads a consistent
 * snapshot without a lock while the control plane adds and removes endpoints under this object.
 */
public final class BridgeConference {

  private static final BridgeEndpoint[] NONE = new BridgeEndpoint[0];

  private final String meetingId;
  private final String name;
  private final long bridgeAudioSsrc;
  private final long createdNanos;
  private final SpeechActivity speech = new SpeechActivity();
  private volatile BridgeEndpoint[] endpoints = NONE;
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

  public long lastChangeNanos() {
    return lastChangeNanos;
  }

  public boolean isExpired() {
    return expired;
  }

  synchronized void add(BridgeEndpoint endpoint, long nowNanos) {
    BridgeEndpoint[] next = Arrays.copyOf(endpoints, endpoints.length + 1);
    next[next.length - 1] = endpoint;
    endpoints = next;
    lastChangeNanos = nowNanos;
    speech.joined(endpoint.id());
  }

  synchronized boolean remove(BridgeEndpoint endpoint, long nowNanos) {
    BridgeEndpoint[] current = endpoints;
    int at = Arrays.asList(current).indexOf(endpoint);
    if (at < 0) {
      return false;
    }
    BridgeEndpoint[] next = new BridgeEndpoint[current.length - 1];
    System.arraycopy(current, 0, next, 0, at);
    System.arraycopy(current, at + 1, next, at, current.length - at - 1);
    endpoints = next;
    lastChangeNanos = nowNanos;
    speech.left(endpoint.id());
    return true;
  }

  void markExpired() {
    expired = true;
  }
}
