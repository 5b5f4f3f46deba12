package dev.chorus.sfu.colibri;

import dev.chorus.colibri2.Candidate;
import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.DominantSpeakerIdentification;
import dev.chorus.colibri2.Endpoint;
import dev.chorus.colibri2.Fingerprint;
import dev.chorus.colibri2.IceUdpTransport;
import dev.chorus.colibri2.Media;
import dev.chorus.colibri2.MediaSource;
import dev.chorus.colibri2.PayloadType;
import dev.chorus.colibri2.Relay;
import dev.chorus.colibri2.RtpHdrExt;
import dev.chorus.colibri2.Transport;
import dev.chorus.media.transport.dtls.DtlsFingerprint;
import dev.chorus.media.transport.ice.IceCredentials;
import dev.chorus.sfu.conference.BridgeConference;
import dev.chorus.sfu.conference.BridgeEndpoint;
import dev.chorus.sfu.conference.BridgeRelay;
import dev.chorus.sfu.conference.ConferenceRegistry;
import dev.chorus.sfu.media.DtlsContext;
import dev.chorus.sfu.media.MediaSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Applies Colibri2 conference messages (endpoints, or one relay to another bridge) to the
 * registry. A message is validated as a whole before anything is applied, so a refused request
 * allocates nothing and changes nothing.
 */
@Service
public class ColibriService {

  /** Host candidates get the highest type preference (RFC 8445 5.1.2.1) for component 1. */
  private static final long HOST_PRIORITY = 2130706431L;
  /** Chromium's numbers, used when an allocation names no medias. */
  private static final int DEFAULT_OPUS_PAYLOAD_TYPE = 111;
  private static final int DEFAULT_AUDIO_LEVEL_ID = 1;
  private static final String BRIDGE_AUDIO_SOURCE = "jvb-a0";

  private final ConferenceRegistry registry;
  private final MediaSocket socket;
  private final String fingerprint;

  public ColibriService(ConferenceRegistry registry, MediaSocket socket, DtlsContext dtls) {
    this.registry = registry;
    this.socket = socket;
    this.fingerprint = dtls.certificate().fingerprint().value();
  }

  /** {@code POST /colibri/v2/conferences}: creates a conference, or changes one without create. */
  public Conference post(Conference request) {
    String meetingId = request.meetingId();
    if (meetingId == null || meetingId.isBlank()) {
      throw ColibriException.badRequest("missing-meeting-id",
          "Failed to create conference: meeting-id is required");
    }
    if (!request.creates()) {
      BridgeConference existing = registry.conference(meetingId).orElseThrow(() ->
          ColibriException.badRequest("conference-not-found",
              "Failed to create conference: Conference not found for ID: " + meetingId));
      return change(existing, request);
    }
    if (registry.conference(meetingId).isPresent()) {
      throw alreadyExists(meetingId);
    }
    List<Change> changes = validate(null, request.endpointsOrEmpty());
    RelayChange relayChange = validateRelays(null, request);
    BridgeConference created = registry.createConference(meetingId, request.name());
    if (created == null) {
      throw alreadyExists(meetingId);
    }
    synchronized (created) {
      try {
        return relayChange == null ? apply(created, changes) : apply(created, relayChange);
      } catch (ColibriException refused) {
        registry.expire(created, "the request creating it was refused");
        throw refused;
      }
    }
  }

  /** {@code PATCH /colibri/v2/conferences/{meetingId}}. */
  public Conference patch(String meetingId, Conference request) {
    BridgeConference conference = registry.conference(meetingId)
        .orElseThrow(() -> ColibriException.conferenceNotFound(meetingId));
    return change(conference, request);
  }

  public DominantSpeakerIdentification dominantSpeaker(String meetingId) {
    BridgeConference conference = registry.conference(meetingId)
        .orElseThrow(() -> ColibriException.conferenceNotFound(meetingId));
    return DominantSpeakerIdentification.of(conference.speech().dominant(),
        conference.speech().order());
  }

  private Conference change(BridgeConference conference, Conference request) {
    synchronized (conference) {
      if (conference.isExpired()) {
        throw ColibriException.conferenceNotFound(conference.meetingId());
      }
      if (request.expires()) {
        registry.expire(conference, "expired by a Colibri2 request");
        return Conference.answer(null, null);
      }
      List<Change> changes = validate(conference, request.endpointsOrEmpty());
      RelayChange relayChange = validateRelays(conference, request);
      return relayChange == null ? apply(conference, changes) : apply(conference, relayChange);
    }
  }

  private Conference apply(BridgeConference conference, RelayChange change) {
    Relay request = change.request();
    if (request.expires()) {
      conference.relay(request.id())
          .ifPresent(r -> registry.expire(r, "expired by a Colibri2 request"));
      registry.expireIfEmpty(conference, "its last relay expired");
      return Conference.relay(Relay.expire(request.id()));
    }
    BridgeRelay relay = request.creates()
        ? createRelay(conference, request, change.audioLevelId())
        : conference.relay(request.id()).orElseThrow();
    RemoteRelay remote = change.remote();
    if (remote != null) {
      registry.relayTransport(relay, remote.credentials(), remote.candidates(),
          remote.fingerprint(), remote.dtlsServer(relay.iceControlling()));
    }
    for (Endpoint e : request.endpointsOrEmpty()) {
      if (e.expires()) {
        registry.expireRelayedEndpoint(relay, e.id());
      } else {
        registry.relayedEndpoint(relay, e.id(), e.statsId(),
            e.sources() == null ? List.of() : e.sources());
      }
    }
    return Conference.relay(request.creates()
        ? Relay.allocated(relay.id(),
            bridgeTransport(relay.ice().localCredentials(), relay.port().port()))
        : Relay.acknowledged(relay.id()));
  }

  private BridgeRelay createRelay(BridgeConference conference, Relay request, int audioLevelId) {
    try {
      return registry.createRelay(conference, request.id(), request.meshId(),
          request.iceControlling(), audioLevelId);
    } catch (IOException e) {
      throw ColibriException.unavailable("no-relay-port",
          "No UDP port is free for relay " + request.id() + ": " + e.getMessage());
    }
  }

  private Conference apply(BridgeConference conference, List<Change> changes) {
    List<Endpoint> answers = new ArrayList<>();
    boolean allocated = false;
    for (Change change : changes) {
      Endpoint request = change.request();
      switch (change.kind()) {
        case CREATE -> {
          BridgeEndpoint endpoint = registry.allocate(conference, request.id(), request.statsId(),
              change.payloadType(), change.audioLevelId());
          update(endpoint, change);
          answers.add(Endpoint.allocated(endpoint.id(),
              bridgeTransport(endpoint.ice().localCredentials(), socket.port())));
          allocated = true;
        }
        case EXPIRE -> {
          conference.endpoint(request.id())
              .ifPresent(e -> registry.expire(e, "expired by a Colibri2 request"));
          answers.add(Endpoint.expire(request.id()));
        }
        case UPDATE -> {
          BridgeEndpoint endpoint = conference.endpoint(request.id()).orElseThrow();
          if (change.payloadType() > 0) {
            registry.media(endpoint, change.payloadType(), change.audioLevelId());
          }
          if (change.iceRestart()) {
            registry.restartIce(endpoint);
            update(endpoint, change);
            answers.add(Endpoint.allocated(endpoint.id(),
                bridgeTransport(endpoint.ice().localCredentials(), socket.port())));
          } else {
            update(endpoint, change);
            answers.add(Endpoint.acknowledged(endpoint.id()));
          }
        }
      }
    }
    List<MediaSource> sources = allocated
        ? List.of(MediaSource.audio(BRIDGE_AUDIO_SOURCE, conference.bridgeAudioSsrc()))
        : null;
    return Conference.answer(answers, sources);
  }

  private void update(BridgeEndpoint endpoint, Change change) {
    Endpoint request = change.request();
    if (request.sources() != null) {
      registry.sources(endpoint, request.sources());
    }
    if (request.forceMute() != null) {
      registry.forceMute(endpoint, request.forceMute().audio());
    }
    if (change.remoteUfrag() != null || change.fingerprint() != null) {
      registry.clientTransport(endpoint, change.remoteUfrag(), change.fingerprint());
    }
  }

  /** This bridge's side of an endpoint's or relay's transport (DTLS role left open: actpass). */
  private Transport bridgeTransport(IceCredentials local, int port) {
    Candidate host = Candidate.udpHost(UUID.randomUUID().toString().replace("-", ""),
        socket.advertisedAddress(), port, HOST_PRIORITY);
    return Transport.of(IceUdpTransport.of(local.ufrag(), local.pwd(),
        List.of(new Fingerprint(fingerprint, "actpass", Fingerprint.SHA_256)), List.of(host)));
  }

  // --- validation: nothing below changes state ---

  private enum Kind { CREATE, EXPIRE, UPDATE }

  private record Change(Kind kind, Endpoint request, int payloadType, int audioLevelId,
      String remoteUfrag, DtlsFingerprint fingerprint, boolean iceRestart) {}

  private List<Change> validate(BridgeConference conference, List<Endpoint> endpoints) {
    List<Change> changes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Endpoint e : endpoints) {
      if (e.id() == null || e.id().isBlank()) {
        throw ColibriException.badRequest("missing-endpoint-id", "An endpoint has no id");
      }
      if (!seen.add(e.id())) {
        throw ColibriException.badRequest("duplicate-endpoint",
            "Endpoint " + e.id() + " appears twice in one request");
      }
      boolean exists = conference != null && conference.endpoint(e.id()).isPresent();
      if (e.expires()) {
        changes.add(new Change(Kind.EXPIRE, e, 0, 0, null, null, false));
      } else if (e.creates()) {
        changes.add(validateCreate(e, exists));
      } else if (!exists) {
        throw ColibriException.badRequest("unknown-endpoint", "Unknown endpoint " + e.id());
      } else {
        changes.add(validateUpdate(e));
      }
    }
    return changes;
  }

  /** The other bridge's transport, checked: credentials, candidates, fingerprint and role. */
  private record RemoteRelay(IceCredentials credentials, List<InetSocketAddress> candidates,
      DtlsFingerprint fingerprint, String setup) {

    /**
     * {@code setup} is the other bridge's DTLS role as the Colibri2 client assigned it (Jicofo
     * assigns active to the transport it gives the ICE-controlling side, passive to the other);
     * when left open (actpass or none), the ICE-controlling side is the DTLS server, as Jicofo
     * would assign it.
     */
    boolean dtlsServer(boolean iceControlling) {
      return switch (setup) {
        case "active" -> true;
        case "passive" -> false;
        default -> iceControlling;
      };
    }
  }

  private record RelayChange(Relay request, int audioLevelId, RemoteRelay remote) {}

  /**
   * Validates the relay of a request, if any; like Jitsi Videobridge, media-sfu takes at most
   * one relay per request and never relays and endpoints together.
   */
  private RelayChange validateRelays(BridgeConference conference, Conference request) {
    List<Relay> relays = request.relaysOrEmpty();
    if (relays.isEmpty()) {
      return null;
    }
    if (!request.endpointsOrEmpty().isEmpty()) {
      throw ColibriException.badRequest("relays-and-endpoints",
          "A request changes either endpoints or one relay, not both");
    }
    if (relays.size() > 1) {
      throw ColibriException.badRequest("several-relays",
          "A request changes one relay; this one names " + relays.size());
    }
    Relay r = relays.get(0);
    if (r.id() == null || r.id().isBlank()) {
      throw ColibriException.badRequest("missing-relay-id", "A relay has no id");
    }
    BridgeRelay existing = conference == null ? null : conference.relay(r.id()).orElse(null);
    if (r.expires()) {
      return new RelayChange(r, 0, null);
    }
    if (r.creates() && existing != null) {
      throw ColibriException.conflict("relay-exists", "Relay " + r.id() + " exists already");
    }
    if (!r.creates() && existing == null) {
      throw ColibriException.badRequest("unknown-relay", "Unknown relay " + r.id());
    }
    if (r.creates() && r.transport() == null) {
      throw ColibriException.badRequest("transport-required",
          "Relay " + r.id() + " is created without a transport");
    }
    int levelId = DEFAULT_AUDIO_LEVEL_ID;
    if (r.medias() != null) {
      for (Media media : r.medias()) {
        if (!Media.AUDIO.equals(media.type())) {
          throw ColibriException.badRequest("unsupported-media",
              "media-sfu relays audio only; media type '" + media.type() + "' of relay "
                  + r.id() + " is not supported");
        }
        levelId = audioLevelId(media);
      }
    }
    RemoteRelay remote = null;
    if (r.transport() != null) {
      if (r.transport().sctp() != null) {
        throw ColibriException.badRequest("sctp-not-supported",
            "media-sfu has no data channels (SCTP) for relay " + r.id());
      }
      if (r.transport().transport() != null) {
        if (existing != null && existing.dtls() != null) {
          throw ColibriException.badRequest("relay-transport-set",
              "Relay " + r.id() + " has its remote transport already");
        }
        remote = remoteRelay(r.id(), r.transport().transport());
      }
    }
    Set<String> seen = new HashSet<>();
    for (Endpoint e : r.endpointsOrEmpty()) {
      if (e.id() == null || e.id().isBlank()) {
        throw ColibriException.badRequest("missing-endpoint-id",
            "An endpoint of relay " + r.id() + " has no id");
      }
      if (!seen.add(e.id())) {
        throw ColibriException.badRequest("duplicate-endpoint",
            "Endpoint " + e.id() + " appears twice in relay " + r.id());
      }
      if (e.sources() != null) {
        for (MediaSource source : e.sources()) {
          if (!Media.AUDIO.equals(source.type())) {
            throw ColibriException.badRequest("unsupported-media",
                "media-sfu relays audio only; source '" + source.id() + "' is " + source.type());
          }
        }
      }
    }
    return new RelayChange(r, levelId, remote);
  }

  private static RemoteRelay remoteRelay(String relayId, IceUdpTransport ice) {
    if (ice.ufrag() == null || ice.pwd() == null) {
      throw ColibriException.badRequest("invalid-relay-transport",
          "The transport of relay " + relayId + " needs the other bridge's ufrag and pwd");
    }
    List<InetSocketAddress> candidates = new ArrayList<>();
    if (ice.candidates() != null) {
      for (Candidate c : ice.candidates()) {
        if (!"udp".equalsIgnoreCase(c.protocol()) || c.ip() == null || c.port() == null) {
          continue;
        }
        InetSocketAddress address;
        try {
          address = new InetSocketAddress(c.ip(), c.portNumber());
        } catch (IllegalArgumentException invalid) {
          address = null;
        }
        if (address == null || address.isUnresolved()) {
          throw ColibriException.badRequest("invalid-relay-transport",
              "Relay " + relayId + " has an invalid candidate " + c.ip() + ":" + c.port());
        }
        candidates.add(address);
      }
    }
    if (candidates.isEmpty()) {
      throw ColibriException.badRequest("invalid-relay-transport",
          "The transport of relay " + relayId + " has no UDP candidate");
    }
    Fingerprint given = ice.fingerprints() == null ? null : ice.fingerprints().stream()
        .filter(f -> Fingerprint.SHA_256.equalsIgnoreCase(f.hash()) && f.fingerprint() != null)
        .findFirst().orElse(null);
    if (given == null) {
      throw ColibriException.badRequest("unsupported-fingerprint",
          "Relay " + relayId + " gives no sha-256 fingerprint");
    }
    String setup = given.setup() == null ? "actpass" : given.setup();
    if (!List.of("active", "passive", "actpass").contains(setup)) {
      throw ColibriException.badRequest("unsupported-dtls-role",
          "Relay " + relayId + " has an unknown DTLS setup '" + setup + "'");
    }
    try {
      return new RemoteRelay(new IceCredentials(ice.ufrag(), ice.pwd()), candidates,
          new DtlsFingerprint(Fingerprint.SHA_256, given.fingerprint()), setup);
    } catch (IllegalArgumentException invalid) {
      throw ColibriException.badRequest("invalid-relay-transport",
          "Relay " + relayId + " has an invalid transport: " + invalid.getMessage());
    }
  }

  private Change validateCreate(Endpoint e, boolean exists) {
    if (exists) {
      throw ColibriException.badRequest("endpoint-exists", "Endpoint " + e.id() + " exists already");
    }
    if (e.capabilities() == null || !e.capabilities().contains(Endpoint.CAPABILITY_SOURCE_NAMES)) {
      throw ColibriException.badRequest("source-names-required",
          "Endpoint " + e.id() + " must announce the source-names capability");
    }
    if (e.transport() == null) {
      throw ColibriException.badRequest("transport-required",
          "Endpoint " + e.id() + " is created without a transport");
    }
    Change update = validateUpdate(e);
    int payloadType = update.payloadType() > 0 ? update.payloadType() : DEFAULT_OPUS_PAYLOAD_TYPE;
    int levelId = update.payloadType() > 0 ? update.audioLevelId() : DEFAULT_AUDIO_LEVEL_ID;
    return new Change(Kind.CREATE, e, payloadType, levelId, update.remoteUfrag(),
        update.fingerprint(), false);
  }

  private Change validateUpdate(Endpoint e) {
    int payloadType = 0;
    int levelId = 0;
    if (e.medias() != null) {
      for (Media media : e.medias()) {
        if (!Media.AUDIO.equals(media.type())) {
          throw ColibriException.badRequest("unsupported-media",
              "media-sfu forwards audio only; media type '" + media.type() + "' of endpoint "
                  + e.id() + " is not supported");
        }
        payloadType = opusPayloadType(e.id(), media);
        levelId = audioLevelId(media);
      }
    }
    if (e.sources() != null) {
      for (MediaSource source : e.sources()) {
        if (!Media.AUDIO.equals(source.type())) {
          throw ColibriException.badRequest("unsupported-media",
              "media-sfu forwards audio only; source '" + source.id() + "' is " + source.type());
        }
      }
    }
    Transport transport = e.transport();
    String remoteUfrag = null;
    DtlsFingerprint clientFingerprint = null;
    boolean restart = false;
    if (transport != null) {
      if (transport.sctp() != null) {
        throw ColibriException.badRequest("sctp-not-supported",
            "media-sfu has no data channels (SCTP) for endpoint " + e.id());
      }
      restart = Boolean.TRUE.equals(transport.iceRestart());
      IceUdpTransport ice = transport.transport();
      if (ice != null) {
        remoteUfrag = ice.ufrag();
        clientFingerprint = clientFingerprint(e.id(), ice);
      }
    }
    return new Change(Kind.UPDATE, e, payloadType, levelId, remoteUfrag, clientFingerprint,
        restart);
  }

  private static int opusPayloadType(String endpointId, Media media) {
    if (media.payloadTypes() != null) {
      for (PayloadType pt : media.payloadTypes()) {
        if ("opus".equalsIgnoreCase(pt.name()) && "48000".equals(pt.clockrate())) {
          try {
            int id = Integer.parseInt(pt.id());
            if (id >= 0 && id <= 127) {
              return id;
            }
          } catch (NumberFormatException ignored) {
            // reported below like a missing Opus payload type
          }
        }
      }
    }
    throw ColibriException.badRequest("unsupported-media",
        "Endpoint " + endpointId + " offers no Opus/48000 payload type; media-sfu forwards Opus");
  }

  private static int audioLevelId(Media media) {
    if (media.rtpHdrExts() != null) {
      for (RtpHdrExt ext : media.rtpHdrExts()) {
        if (RtpHdrExt.AUDIO_LEVEL_URI.equals(ext.uri()) && ext.id() >= 1 && ext.id() <= 14) {
          return ext.id();
        }
      }
    }
    return 0;
  }

  private static DtlsFingerprint clientFingerprint(String endpointId, IceUdpTransport ice) {
    if (ice.fingerprints() == null || ice.fingerprints().isEmpty()) {
      return null;
    }
    for (Fingerprint f : ice.fingerprints()) {
      if ("passive".equals(f.setup())) {
        throw ColibriException.badRequest("unsupported-dtls-role",
            "Endpoint " + endpointId + " asks to be DTLS server (setup passive); media-sfu is "
                + "always the DTLS server");
      }
      if (Fingerprint.SHA_256.equalsIgnoreCase(f.hash()) && f.fingerprint() != null) {
        try {
          return new DtlsFingerprint(Fingerprint.SHA_256, f.fingerprint());
        } catch (IllegalArgumentException invalid) {
          throw ColibriException.badRequest("invalid-fingerprint",
              "Endpoint " + endpointId + " has an invalid fingerprint: " + invalid.getMessage());
        }
      }
    }
    throw ColibriException.badRequest("unsupported-fingerprint",
        "Endpoint " + endpointId + " gives no sha-256 fingerprint");
  }

  private static ColibriException alreadyExists(String meetingId) {
    return ColibriException.badRequest("conference-exists",
        "Failed to create conference: Conference already exists for ID: " + meetingId);
  }
}
