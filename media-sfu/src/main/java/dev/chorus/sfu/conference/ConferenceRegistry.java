package dev.chorus.sfu.conference;

import dev.chorus.colibri2.MediaSource;
import dev.chorus.media.transport.dtls.DtlsFingerprint;
import dev.chorus.media.transport.dtls.DtlsSession;
import dev.chorus.media.transport.ice.IceCredentials;
import dev.chorus.media.transport.rtp.AudioLevelExtension;
import dev.chorus.sfu.media.DtlsContext;
import dev.chorus.sfu.media.MediaSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
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
 * Every conference and endpoint of this bridge, and the indexes the packet thread looks
 * endpoints up by (validated address, ICE ufrag). Control-plane changes happen under the
 * conference's lock; lookups are lock-free.
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
      BridgeEndpoint endpoint = new BridgeEndpoint(endpointId, statsId, conference, local,
          opusPayloadType, levelExtension(audioLevelExtensionId), System.nanoTime());
      endpoint.dtls(newDtlsSession(endpoint));
      byUfrag.put(local.ufrag(), endpoint);
      conference.add(endpoint, System.nanoTime());
      participantsCreated.incrementAndGet();
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
      if (conference.endpoints().length == 0) {
        expire(conference, "its last endpoint expired");
      }
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
      conferencesCompleted.incrementAndGet();
      log.info("Conference {} expired ({})", conference.meetingId(), why);
    }
  }

  // --- packet thread ---

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

  /** Addresses and ufrags indexed: zero once everything expired (stats prove release). */
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

  private void forgetAddress(BridgeEndpoint endpoint) {
    InetSocketAddress address = endpoint.address();
    if (address != null) {
      byAddress.remove(address, endpoint);
      endpoint.address(null);
    }
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
      log.info("Endpoint {} DTLS connected, SRTP profile {}", endpoint, keys.profile());
    });
  }

  private static AudioLevelExtension levelExtension(int id) {
    return id > 0 ? new AudioLevelExtension(id) : null;
  }
}
