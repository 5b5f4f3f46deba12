package dev.chorus.sfu.media;

import dev.chorus.colibri2.Candidate;
import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.Endpoint;
import dev.chorus.colibri2.Fingerprint;
import dev.chorus.colibri2.IceUdpTransport;
import dev.chorus.colibri2.Media;
import dev.chorus.colibri2.MediaSource;
import dev.chorus.colibri2.Transport;
import dev.chorus.media.peer.RemoteTransport;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.media.transport.dtls.DtlsFingerprint;
import dev.chorus.sfu.ColibriHttp;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Joins synthetic peers to a bridge conference the way a Colibri2 client does, over HTTP. */
final class BridgeSession {

  final ColibriHttp http;
  final String meetingId = UUID.randomUUID().toString();

  BridgeSession(int httpPort) {
    this.http = new ColibriHttp(httpPort);
    http.json("POST", "/colibri/v2/conferences",
        Conference.create(meetingId, "test@chorus", List.of()));
  }

  String path() {
    return "/colibri/v2/conferences/" + meetingId;
  }

  /** Allocates an endpoint for {@code peer}, gives the bridge its transport, and connects it. */
  RemoteTransport join(String endpointId, SyntheticPeer peer, DtlsFingerprint announced) {
    JsonNode answer = http.json("PATCH", path(), Conference.patch(List.of(
        Endpoint.create(endpointId, endpointId, List.of(Media.opusWithAudioLevel())))));
    JsonNode ice = answer.path("endpoints").get(0).path("transport").path("transport");
    JsonNode candidate = ice.path("candidates").get(0);
    RemoteTransport bridge = new RemoteTransport(ice.path("ufrag").asString(),
        ice.path("pwd").asString(),
        new InetSocketAddress(candidate.path("ip").asString(),
            Integer.parseInt(candidate.path("port").asString())),
        new DtlsFingerprint("sha-256",
            ice.path("fingerprints").get(0).path("fingerprint").asString()));
    answer(endpointId, peer, announced);
    return bridge;
  }

  /** Joins and connects {@code peer}, then waits until the bridge can send to it. */
  void connect(String endpointId, SyntheticPeer peer, ConferenceRegistry registry)
      throws Exception {
    peer.connect(join(endpointId, peer, peer.fingerprint())).get(20, TimeUnit.SECONDS);
    if (!Poll.until(() -> registry.conference(meetingId).orElseThrow().endpoint(endpointId)
        .orElseThrow().isReachable(), 10_000)) {
      throw new AssertionError("the bridge never reached " + endpointId);
    }
  }

  /**
   * Gives the bridge the client's transport and audio source, as the answer to an offer does; a
   * renegotiation repeats it unchanged.
   */
  void answer(String endpointId, SyntheticPeer peer, DtlsFingerprint announced) {
    InetSocketAddress local = peer.localAddress();
    IceUdpTransport client = IceUdpTransport.of(peer.iceCredentials().ufrag(),
        peer.iceCredentials().pwd(),
        List.of(new Fingerprint(announced.value(), "active", Fingerprint.SHA_256)),
        List.of(Candidate.udpHost("c1", local.getHostString(), local.getPort(), 2130706431L)));
    http.json("PATCH", path(), Conference.patch(List.of(Endpoint.update(endpointId,
        Transport.of(client),
        List.of(MediaSource.audio(endpointId + "-a0", Integer.toUnsignedLong(peer.ssrc())))))));
  }

  void forceMute(String endpointId, boolean audio) {
    http.json("PATCH", path(), Conference.patch(List.of(Endpoint.forceMute(endpointId, audio))));
  }

  JsonNode stats() {
    return http.json("GET", "/colibri/stats", null);
  }

  long stage(String name, String count) {
    return stats().path("packet_path").path(name).path(count).asLong();
  }
}
