package dev.chorus.sfu.conference;

import dev.chorus.media.transport.dtls.DtlsFingerprint;
import dev.chorus.media.transport.ice.IceControllingChecks;
import dev.chorus.media.transport.ice.IceCredentials;
import dev.chorus.media.transport.rtp.AudioLevelExtension;
import dev.chorus.sfu.media.RelayPort;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A relay: the link from a conference on this bridge to the same conference on another bridge,
 * over a UDP port of its own ({@link RelayPort}). One side is ICE-controlling (sends checks to
 * the other bridge's candidates) and DTLS server; the other answers checks and is the DTLS
 * client. Every local
 * speaker's audio goes over it once; audio of the other bridge's endpoints comes in over it.
 * <p>
 * As for endpoints, the control plane writes the volatile fields and the packet thread only
 * reads them (and writes its activity and packet counts).
 */
public final class BridgeRelay extends BridgeTransport {

  private static final RelayedEndpoint[] NONE = new RelayedEndpoint[0];

  private final String id;
  private final String meshId;
  private final BridgeConference conference;
  private final RelayPort port;
  private final boolean iceControlling;
  private final AudioLevelExtension audioLevel;
  private volatile List<InetSocketAddress> remoteCandidates = List.of();
  private volatile IceControllingChecks checks;
  private volatile DtlsFingerprint remoteFingerprint;
  private final AtomicBoolean dtlsStarted = new AtomicBoolean();
  private volatile RelayedEndpoint[] endpoints = NONE;
  private volatile long lastCheckNanos;
  // Written by the packet thread only.
  private volatile long packetsReceived;
  private volatile long packetsSent;

  BridgeRelay(String id, String meshId, BridgeConference conference, RelayPort port,
      boolean iceControlling, IceCredentials local, AudioLevelExtension audioLevel,
      long nowNanos) {
    super(local, nowNanos);
    this.id = id;
    this.meshId = meshId;
    this.conference = conference;
    this.port = port;
    this.iceControlling = iceControlling;
    this.audioLevel = audioLevel;
  }

  public String id() {
    return id;
  }

  public String meshId() {
    return meshId;
  }

  public BridgeConference conference() {
    return conference;
  }

  /** The relay's own UDP port: everything of the relay goes out and comes in through it. */
  public RelayPort port() {
    return port;
  }

  /** Whether this side sends the checks and is the DTLS server. */
  public boolean iceControlling() {
    return iceControlling;
  }

  /** The controlling side's checks, once the other bridge's transport is known; else null. */
  public IceControllingChecks checks() {
    return checks;
  }

  void checks(IceControllingChecks checks) {
    this.checks = checks;
  }

  public List<InetSocketAddress> remoteCandidates() {
    return remoteCandidates;
  }

  void remoteCandidates(List<InetSocketAddress> candidates) {
    this.remoteCandidates = List.copyOf(candidates);
  }

  DtlsFingerprint remoteFingerprint() {
    return remoteFingerprint;
  }

  void remoteFingerprint(DtlsFingerprint fingerprint) {
    this.remoteFingerprint = fingerprint;
  }

  /** True exactly once: for the caller that may start the handshake. */
  boolean claimDtlsStart() {
    return dtlsStarted.compareAndSet(false, true);
  }

  /** The RFC 6464 extension of relayed audio (the relay's media), or null. */
  public AudioLevelExtension audioLevel() {
    return audioLevel;
  }

  /** The other bridge's endpoints; the array must not be modified. */
  public RelayedEndpoint[] endpoints() {
    return endpoints;
  }

  void endpoints(RelayedEndpoint[] endpoints) {
    this.endpoints = endpoints;
  }

  /** The other bridge's endpoint that sends {@code ssrc}, or null (its packets are dropped). */
  public RelayedEndpoint endpointBySsrc(int ssrc) {
    for (RelayedEndpoint e : endpoints) {
      if (e.sends(ssrc)) {
        return e;
      }
    }
    return null;
  }

  long lastCheckNanos() {
    return lastCheckNanos;
  }

  void checked(long nowNanos) {
    lastCheckNanos = nowNanos;
  }

  public void received() {
    packetsReceived++;
  }

  public void sent() {
    packetsSent++;
  }

  public long packetsReceived() {
    return packetsReceived;
  }

  public long packetsSent() {
    return packetsSent;
  }

  /** Frees the crypto state and the relay's port. */
  @Override
  void release() {
    super.release();
    port.close();
  }

  @Override
  public String toString() {
    return conference.meetingId() + "/relay:" + id;
  }
}
