package dev.chorus.sfu.conference;

import dev.chorus.colibri2.MediaSource;
import dev.chorus.media.transport.DatagramSender;
import dev.chorus.media.transport.dtls.DtlsFingerprint;
import dev.chorus.media.transport.dtls.DtlsSession;
import dev.chorus.media.transport.ice.IceControllingChecks;
import dev.chorus.media.transport.ice.IceCredentials;
import dev.chorus.media.transport.rtp.AudioLevelExtension;
import dev.chorus.sfu.media.DtlsContext;
import dev.chorus.sfu.media.MediaSocket;
import dev.chorus.sfu.media.RelayPort;
import java.io.IOException;
import dev.chorus.sfu.speech.LevelMeter;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every conference, endpoint and relay of this bridge, and the indexes the packet thread looks
 * endpoints up by (validated address, ICE ufrag); a relay needs none, everything on its port is
 * its own. Control-plane changes happen under the conference's lock; lookups are lock-free.
 */
@Component
public class ConferenceRegistry {

  private static final Logger log = LoggerFactory.getLogger(ConferenceRegistry.class);

  private final Map<String, BridgeConference> conferences = new ConcurrentHashMap<>();
  private final Map<String, BridgeEndpoint> byUfrag = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, BridgeEndpoint> byAddress = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final MediaSocket socket;
  private final DtlsContext dtls;
  private final AtomicLong conferencesCreated = new AtomicLong();
  private final AtomicLong conferencesCompleted = new AtomicLong();
  private final AtomicLong participantsCreated = new AtomicLong();
  private final AtomicLong iceSucceeded = new AtomicLong();
  private final AtomicLong dtlsFailed = new AtomicLong();
  private final AtomicLong relaysCreated = new AtomicLong();
  private final AtomicLong relaysDtlsFailed = new AtomicLong();
  private final AtomicLong expiredRelayPacketsReceived = new AtomicLong();
  private final AtomicLong expiredRelayPacketsSent = new AtomicLong();
  private final AtomicLong dtlsCompleted = new AtomicLong();

  public ConferenceRegistry(MediaSocket socket, DtlsContext dtls) {
    this.socket = socket;
    this.dtls = dtls;
  }

  public Optional<BridgeConference> conference(String meetingId) {
    return Optional.ofNullable(conferences.get(meetingId));
  }

  public Collection<BridgeConference> conferences() {
    return conferences.values();
  }

  /** Creates a conference; null when one with that id exists already. */
  public BridgeConference createConference(String meetingId, String name) {
    BridgeConference created = new BridgeConference(meetingId, name,
        Integer.toUnsignedLong(random.nextInt()), System.nanoTime());
    if (conferences.putIfAbsent(meetingId, created) != null) {
      return null;
    }
    conferencesCreated.incrementAndGet();
    log.info("Conference {} ({}) created", meetingId, name);
    return created;
  }

  /** Allocates an endpoint with fresh ICE credentials and a DTLS server session. */
  public BridgeEndpoint allocate(BridgeConference conference, String endpointId, String statsId,
      int opusPayloadType, int audioLevelExtensionId) {
    synchronized (conference) {
      IceCredentials local = IceCredentials.random();
      BridgeEndpoint endpoint = new BridgeEndpoint(participantsCreated.incrementAndGet(),
          endpointId, statsId, conference, local, opusPayloadType,
          levelExtension(audioLevelExtensionId), System.nanoTime());
      endpoint.dtls(newDtlsSession(endpoint));
      byUfrag.put(local.ufrag(), endpoint);
      conference.add(endpoint, System.nanoTime());
      log.info("Endpoint {} ({}) allocated, ICE ufrag {}", endpoint, statsId, local.ufrag());
      return endpoint;
    }
  }

  /** Sets what the client announced: its ICE ufrag and the fingerprint DTLS must verify. */
  public void clientTransport(BridgeEndpoint endpoint, String remoteUfrag,
      DtlsFingerprint fingerprint) {
    synchronized (endpoint.conference()) {
      if (remoteUfrag != null) {
        endpoint.ice().remoteUfrag(remoteUfrag);
      }
      if (fingerprint != null) {
        startDtls(endpoint, fingerprint);
      }
    }
  }

  /**
   * ICE restart: new bridge credentials, a new DTLS session; the endpoint's address and keys are
   * forgotten until the client checks and handshakes again.
   */
  public void restartIce(BridgeEndpoint endpoint) {
    synchronized (endpoint.conference()) {
      IceCredentials old = endpoint.ice().localCredentials();
      IceCredentials fresh = IceCredentials.random();
      byUfrag.remove(old.ufrag(), endpoint);
      forgetAddress(endpoint);
      endpoint.ice().restart(fresh, null);
      DtlsSession previous = endpoint.dtls();
      endpoint.srtp(null);
      endpoint.dtls(newDtlsSession(endpoint));
      previous.close();
      byUfrag.put(fresh.ufrag(), endpoint);
      log.info("Endpoint {} ICE restarted, new ufrag {}", endpoint, fresh.ufrag());
    }
  }

  public void media(BridgeEndpoint endpoint, int opusPayloadType, int audioLevelExtensionId) {
    endpoint.media(opusPayloadType, levelExtension(audioLevelExtensionId));
  }

  public void sources(BridgeEndpoint endpoint, List<MediaSource> sources) {
    endpoint.sources(sources);
  }

  public void forceMute(BridgeEndpoint endpoint, boolean audio) {
    if (endpoint.audioForceMuted() != audio) {
      endpoint.audioForceMuted(audio);
      log.info("Endpoint {} audio force-{}", endpoint, audio ? "muted" : "unmuted");
    }
  }

  /** Expires an endpoint and frees its state; the conference ends with its last endpoint. */
  public void expire(BridgeEndpoint endpoint, String why) {
    BridgeConference conference = endpoint.conference();
    synchronized (conference) {
      if (!conference.remove(endpoint, System.nanoTime())) {
        return;
      }
      byUfrag.remove(endpoint.ice().localCredentials().ufrag(), endpoint);
      forgetAddress(endpoint);
      endpoint.release();
      log.info("Endpoint {} expired ({})", endpoint, why);
      expireIfEmpty(conference, "its last endpoint expired");
    }
  }

  /** Expires a conference with all its endpoints. */
  public void expire(BridgeConference conference, String why) {
    synchronized (conference) {
      if (conference.isExpired()) {
        return;
      }
      conference.markExpired();
      conferences.remove(conference.meetingId(), conference);
      for (BridgeEndpoint endpoint : conference.endpoints()) {
        conference.remove(endpoint, System.nanoTime());
        byUfrag.remove(endpoint.ice().localCredentials().ufrag(), endpoint);
        forgetAddress(endpoint);
        endpoint.release();
      }
      for (BridgeRelay relay : conference.relays()) {
        conference.remove(relay, System.nanoTime());
        forget(relay);
      }
      conferencesCompleted.incrementAndGet();
      log.info("Conference {} expired ({})", conference.meetingId(), why);
    }
  }

  /** Ends a conference that has neither endpoints nor relays left (as Jitsi Videobridge does). */
  public void expireIfEmpty(BridgeConference conference, String why) {
    synchronized (conference) {
      if (conference.endpoints().length == 0 && conference.relays().length == 0) {
        expire(conference, why);
      }
    }
  }

  // --- relays ---

  /**
   * Allocates a relay with fresh ICE credentials and a port of its own; its DTLS role waits for
   * the remote transport.
   *
   * @throws IOException when no relay port is free (nothing is allocated)
   */
  public BridgeRelay createRelay(BridgeConference conference, String relayId, String meshId,
      boolean iceControlling, int audioLevelExtensionId) throws IOException {
    synchronized (conference) {
      IceCredentials local = IceCredentials.random();
      RelayPort port = socket.openRelayPort();
      BridgeRelay relay = new BridgeRelay(relayId, meshId, conference, port, iceControlling,
          local, levelExtension(audioLevelExtensionId), System.nanoTime());
      try {
        socket.listen(port, relay);
      } catch (IOException | RuntimeException e) {
        port.close();
        throw e;
      }
      conference.add(relay, System.nanoTime());
      relaysCreated.incrementAndGet();
      log.info("Relay {} (mesh {}) allocated on port {}, ICE {}, ufrag {}", relay, meshId,
          port.port(), iceControlling ? "controlling" : "controlled", local.ufrag());
      return relay;
    }
  }

  /**
   * Sets the other bridge's transport: its candidates (this side sends checks to them when
   * controlling), ICE credentials, and the DTLS fingerprint and role.
   *
   * @param dtlsServer whether this side is the DTLS server (the other side then connects to it)
   */
  public void relayTransport(BridgeRelay relay, IceCredentials remote,
      List<InetSocketAddress> candidates, DtlsFingerprint fingerprint, boolean dtlsServer) {
    synchronized (relay.conference()) {
      relay.ice().remoteUfrag(remote.ufrag());
      relay.remoteCandidates(candidates);
      if (relay.iceControlling()) {
        relay.checks(new IceControllingChecks(relay.ice().localCredentials(), remote));
      }
      relay.remoteFingerprint(fingerprint);
      DtlsSession session = dtlsServer
          ? DtlsSession.server(relay.toString(), dtls.certificate(), relaySender(relay))
          : DtlsSession.client(relay.toString(), dtls.certificate(), relaySender(relay));
      relay.dtls(session);
      log.info("Relay {} transport set: {} candidates, DTLS {}", relay, candidates.size(),
          dtlsServer ? "server" : "client");
      if (dtlsServer || relay.address() != null) {
        startDtls(relay);
      }
    }
  }

  /** Creates, or replaces the sources of, an endpoint of the other bridge on a relay. */
  public void relayedEndpoint(BridgeRelay relay, String endpointId, String statsId,
      List<MediaSource> sources) {
    synchronized (relay.conference()) {
      RelayedEndpoint[] current = relay.endpoints();
      for (int i = 0; i < current.length; i++) {
        if (current[i].id().equals(endpointId)) {
          RelayedEndpoint[] next = current.clone();
          next[i] = current[i].withSources(sources);
          relay.endpoints(next);
          return;
        }
      }
      relay.endpoints(CopyOnWrite.with(current,
          new RelayedEndpoint(endpointId, statsId, sources, new LevelMeter())));
      relay.conference().speech().joined(endpointId);
      log.info("Relay {} carries endpoint {} of the other bridge", relay, endpointId);
    }
  }

  /** Forgets an endpoint of the other bridge; its SSRCs are no longer accepted. */
  public void expireRelayedEndpoint(BridgeRelay relay, String endpointId) {
    synchronized (relay.conference()) {
      RelayedEndpoint[] current = relay.endpoints();
      RelayedEndpoint[] next = Arrays.stream(current)
          .filter(e -> !e.id().equals(endpointId)).toArray(RelayedEndpoint[]::new);
      if (next.length != current.length) {
        relay.endpoints(next);
        relay.conference().speech().left(endpointId);
        log.info("Relay {} no longer carries endpoint {}", relay, endpointId);
      }
    }
  }

  /** Expires a relay and frees its state. */
  public void expire(BridgeRelay relay, String why) {
    BridgeConference conference = relay.conference();
    synchronized (conference) {
      if (!conference.remove(relay, System.nanoTime())) {
        return;
      }
      forget(relay);
      log.info("Relay {} expired ({})", relay, why);
    }
  }

  // --- packet thread ---

  /**
   * ICE found the other bridge at {@code address}: a valid check from it (controlled side) or a
   * valid answer to ours (controlling side). The first one sets the relay's address and lets the
   * DTLS client start.
   */
  public void relayValidated(BridgeRelay relay, InetSocketAddress address) {
    if (relay.address() != null || relay.isReleased()) {
      return;
    }
    relay.address(address);
    log.info("Relay {} ICE connected with {}", relay, address);
    if (relay.dtls() != null) {
      startDtls(relay);
    }
  }

  public BridgeEndpoint endpointAt(InetSocketAddress address) {
    return byAddress.get(address);
  }

  public BridgeEndpoint endpointByUfrag(String ufrag) {
    return byUfrag.get(ufrag);
  }

  /**
   * A valid check came from {@code address}: the first one, or a nominated one from elsewhere,
   * (re)points the endpoint there (ICE-lite: the controlling client decides the pair).
   */
  public void validated(BridgeEndpoint endpoint, InetSocketAddress address, boolean nominated) {
    InetSocketAddress current = endpoint.address();
    if (address.equals(current) || (current != null && !nominated) || endpoint.isReleased()) {
      return;
    }
    byAddress.put(address, endpoint);
    endpoint.address(address);
    if (endpoint.isReleased()) {
      // Expired by the control plane while this check was in flight: leave no index entry.
      byAddress.remove(address, endpoint);
      endpoint.address(null);
      return;
    }
    if (current != null) {
      byAddress.remove(current, endpoint);
      log.info("Endpoint {} moved from {} to {}", endpoint, current, address);
    } else {
      iceSucceeded.incrementAndGet();
      log.info("Endpoint {} ICE connected from {}", endpoint, address);
    }
  }

  // --- counts for stats ---

  public long endpointCount() {
    long n = 0;
    for (BridgeConference c : conferences.values()) {
      n += c.endpoints().length;
    }
    return n;
  }

  /** Endpoint addresses and ufrags indexed: zero once everything expired. */
  public int indexedAddresses() {
    return byAddress.size();
  }

  public int indexedUfrags() {
    return byUfrag.size();
  }

  public long conferencesCreated() {
    return conferencesCreated.get();
  }

  public long conferencesCompleted() {
    return conferencesCompleted.get();
  }

  public long participantsCreated() {
    return participantsCreated.get();
  }

  public long iceSucceeded() {
    return iceSucceeded.get();
  }

  public long dtlsFailed() {
    return dtlsFailed.get();
  }

  public long relaysCreated() {
    return relaysCreated.get();
  }

  /** Relays whose DTLS handshake failed. */
  public long relaysDtlsFailed() {
    return relaysDtlsFailed.get();
  }

  /** Relays to other bridges now, over all conferences. */
  public long relayCount() {
    long n = 0;
    for (BridgeConference c : conferences.values()) {
      n += c.relays().length;
    }
    return n;
  }

  /** Packets received over relays since start, expired relays included. */
  public long relayPacketsReceived() {
    long n = expiredRelayPacketsReceived.get();
    for (BridgeConference c : conferences.values()) {
      for (BridgeRelay r : c.relays()) {
        n += r.packetsReceived();
      }
    }
    return n;
  }

  /** Packets sent over relays since start, expired relays included. */
  public long relayPacketsSent() {
    long n = expiredRelayPacketsSent.get();
    for (BridgeConference c : conferences.values()) {
      for (BridgeRelay r : c.relays()) {
        n += r.packetsSent();
      }
    }
    return n;
  }

  /** DTLS handshakes that ended with SRTP keys installed on their endpoint. */
  public long dtlsCompleted() {
    return dtlsCompleted.get();
  }

  private void forgetAddress(BridgeEndpoint endpoint) {
    InetSocketAddress address = endpoint.address();
    if (address != null) {
      byAddress.remove(address, endpoint);
      endpoint.address(null);
    }
  }

  private void forget(BridgeRelay relay) {
    relay.address(null);
    relay.release();
    expiredRelayPacketsReceived.addAndGet(relay.packetsReceived());
    expiredRelayPacketsSent.addAndGet(relay.packetsSent());
  }

  private DatagramSender relaySender(BridgeRelay relay) {
    return (buf, off, len) -> {
      InetSocketAddress to = relay.address();
      if (to != null) {
        relay.port().send(buf, off, len, to);
      }
    };
  }

  /** Starts the relay's handshake once (server: waits for the client; client: speaks first). */
  private void startDtls(BridgeRelay relay) {
    DtlsSession session = relay.dtls();
    if (!relay.claimDtlsStart()) {
      return;
    }
    session.start(relay.remoteFingerprint(), dtls.handshakes()).whenComplete((keys, failure) -> {
      if (failure != null) {
        if (!relay.isReleased()) {
          relaysDtlsFailed.incrementAndGet();
          log.warn("Relay {} DTLS failed: {}", relay, failure.getMessage());
        }
        return;
      }
      synchronized (relay.conference()) {
        if (relay.isReleased()) {
          return;
        }
        relay.srtp(keys.newSrtpSession());
      }
      log.info("Relay {} DTLS connected as {}, SRTP profile {}", relay,
          keys.isServer() ? "server" : "client", keys.profile());
    });
  }

  private DtlsSession newDtlsSession(BridgeEndpoint endpoint) {
    return DtlsSession.server(endpoint.toString(), dtls.certificate(), (buf, off, len) -> {
      InetSocketAddress to = endpoint.address();
      if (to != null) {
        socket.send(buf, off, len, to);
      }
    });
  }

  private void startDtls(BridgeEndpoint endpoint, DtlsFingerprint fingerprint) {
    DtlsSession session = endpoint.dtls();
    if (session.isStarted()) {
      // A renegotiation repeats the client's transport: keep the session and its SRTP contexts
      // (new ones would restart the SRTCP index and rollover counter the client carries on with).
      // A new certificate needs an ICE restart, which brings a new DTLS session.
      return;
    }
    session.start(fingerprint, dtls.handshakes()).whenComplete((keys, failure) -> {
      if (failure != null) {
        if (!endpoint.isReleased()) {
          dtlsFailed.incrementAndGet();
          log.warn("Endpoint {} DTLS failed: {}", endpoint, failure.getMessage());
        }
        return;
      }
      synchronized (endpoint.conference()) {
        if (endpoint.isReleased() || endpoint.dtls() != session) {
          return;
        }
        endpoint.srtp(keys.newSrtpSession());
      }
      dtlsCompleted.incrementAndGet();
      log.info("Endpoint {} DTLS connected, SRTP profile {}", endpoint, keys.profile());
    });
  }

  private static AudioLevelExtension levelExtension(int id) {
    return id > 0 ? new AudioLevelExtension(id) : null;
  }
}
