package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.media.peer.RemoteTransport;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.media.transport.dtls.DtlsCertificate;
import dev.chorus.media.transport.ice.StunMessage;
import dev.chorus.media.transport.ice.StunMessageBuilder;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Synthetic WebRTC peers (ICE, DTLS client, SRTP, Opus-sized RTP with audio levels) talk to the
 * bridge over real UDP, joined through the Colibri2 API over real HTTP. Three fan-out threads
 * whatever the machine: the three peers of a test are allocated one after the other, so each
 * gets its copies from a different thread and socket of the shared port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1",
        "chorus.sfu.housekeeping-interval=100ms", "chorus.sfu.fanout-threads=3"})
class ForwardingThroughBridgeTest {

  private static final long WAIT = 10_000;

  @LocalServerPort
  int port;

  @Autowired
  ConferenceRegistry registry;

  private PeerRuntime runtime;
  private BridgeSession session;
  private SyntheticPeer alice;
  private SyntheticPeer bob;
  private SyntheticPeer carol;

  @BeforeEach
  void joinThreePeers() throws Exception {
    runtime = PeerRuntime.start();
    session = new BridgeSession(port);
    alice = SyntheticPeer.create(runtime);
    bob = SyntheticPeer.create(runtime);
    carol = SyntheticPeer.create(runtime);
    connect("alice", alice);
    connect("bob", bob);
    connect("carol", carol);
  }

  @AfterEach
  void leave() {
    // Leave no conference behind for the next test (404 when the test expired it already).
    session.http.send("PATCH", session.path(), "{\"expire\":true}");
    for (SyntheticPeer p : new SyntheticPeer[] {alice, bob, carol}) {
      if (p != null) {
        p.close();
      }
    }
    runtime.close();
  }

  @Test
  void everyPacketAliceSendsReachesBobAndCarolInOrderWithItsPayload() {
    alice.audioLevel(10, true);
    sendFor(alice, 1000);

    long sent = alice.sent().packets();
    assertThat(sent).isGreaterThan(20);
    for (SyntheticPeer listener : new SyntheticPeer[] {bob, carol}) {
      assertThat(Poll.until(() -> Delivery.nearlyAll(received(listener, alice), sent), WAIT))
          .as("%s received nearly all %d packets", listener, sent).isTrue();
      ReceivedStream stream = listener.received(alice.ssrc()).orElseThrow();
      Delivery.assertFaithful(stream, alice.sent().packets());
      assertThat(stream.lastAudioLevel()).isEqualTo(10);
    }
    assertThat(alice.received(alice.ssrc())).isEmpty();
    assertThat(Poll.until(() -> "alice".equals(dominantSpeaker()), WAIT)).isTrue();
    assertThat(session.http.json("GET", session.path() + "/dominant-speaker-identification", null)
        .path("endpointsBySpeechActivity").get(0).asString()).isEqualTo("alice");
  }

  @Test
  void forceMuteStopsAliceAtTheBridgeAndUnmuteResumes() {
    sendFor(alice, 400);
    long beforeMute = alice.sent().packets();
    assertThat(Poll.until(() -> received(bob, alice) == beforeMute, WAIT)).isTrue();

    session.forceMute("alice", true);
    long droppedBefore = session.stage("force-mute", "dropped");
    sendFor(alice, 400);
    long duringMute = alice.sent().packets() - beforeMute;
    // Waits until the bridge has dropped every muted packet, or as many as loopback UDP delivered
    // on a loaded machine; what matters is that none of them reached Bob or Carol.
    Poll.until(() -> session.stage("force-mute", "dropped") >= droppedBefore + duringMute, WAIT);
    assertThat(session.stage("force-mute", "dropped")).isGreaterThan(droppedBefore);
    assertThat(received(bob, alice)).isEqualTo(beforeMute);
    assertThat(received(carol, alice)).isEqualTo(beforeMute);

    session.forceMute("alice", false);
    sendFor(alice, 400);
    assertThat(Poll.until(() -> received(bob, alice) > beforeMute
        && received(carol, alice) > beforeMute, WAIT)).as("audio resumes after unmute").isTrue();
  }

  @Test
  void garbageAndChecksWithBadIntegrityChangeNothing() {
    var bobAddress = registry.conference(session.meetingId).orElseThrow().endpoint("bob")
        .orElseThrow().address();
    long demuxDropped = session.stage("demux", "dropped");
    long iceDropped = session.stage("ice", "dropped");

    byte[] garbage = new byte[200];
    Arrays.fill(garbage, (byte) 0xFF);
    bob.sendDatagram(garbage);
    byte[] forged = new StunMessageBuilder(StunMessage.BINDING_REQUEST, new byte[12])
        .username(bridgeUfrag("bob") + ":" + bob.iceCredentials().ufrag())
        .priority(1)
        .useCandidate()
        .build("not-the-bridge-password".getBytes());
    carol.sendDatagram(forged);

    assertThat(Poll.until(() -> session.stage("demux", "dropped") > demuxDropped
        && session.stage("ice", "dropped") > iceDropped, WAIT)).isTrue();
    // Carol's forged, nominated check for Bob's credentials did not move Bob to Carol's address.
    assertThat(registry.conference(session.meetingId).orElseThrow().endpoint("bob").orElseThrow()
        .address()).isEqualTo(bobAddress);
    sendFor(alice, 400);
    long sent = alice.sent().packets();
    assertThat(Poll.until(() -> Delivery.nearlyAll(received(bob, alice), sent) && Delivery.nearlyAll(received(carol, alice), sent),
        WAIT)).isTrue();
  }

  @Test
  void aPeerWhoseCertificateDoesNotMatchTheAnnouncedFingerprintGetsNoMedia() {
    SyntheticPeer mallory = SyntheticPeer.create(runtime);
    try {
      RemoteTransport bridge = session.join("mallory", mallory,
          DtlsCertificate.generate().fingerprint());
      assertThatThrownBy(() -> mallory.connect(bridge).get(20, TimeUnit.SECONDS))
          .isNotNull();
      sendFor(alice, 400);
      long sent = alice.sent().packets();
      assertThat(Poll.until(() -> Delivery.nearlyAll(received(bob, alice), sent), WAIT)).isTrue();
      assertThat(mallory.received(alice.ssrc())).isEmpty();
      assertThat(session.stats().path("dtls_failed_endpoints").asLong()).isPositive();
    } finally {
      mallory.close();
    }
  }

  @Test
  void expiringTheConferenceReleasesEverything() {
    var endpoints = registry.conference(session.meetingId).orElseThrow().endpoints();
    assertThat(session.stats().path("endpoints").asInt()).isEqualTo(3);
    assertThat(registry.indexedAddresses()).isEqualTo(3);

    session.http.json("PATCH", session.path(), dev.chorus.colibri2.Conference.expireConference());

    assertThat(session.http.send("GET", session.path() + "/dominant-speaker-identification", null)
        .status()).isEqualTo(404);
    assertThat(session.stats().path("conferences").asInt()).isZero();
    assertThat(session.stats().path("endpoints").asInt()).isZero();
    assertThat(registry.indexedAddresses()).isZero();
    assertThat(registry.indexedUfrags()).isZero();
    for (var endpoint : endpoints) {
      assertThat(endpoint.isReleased()).isTrue();
      assertThat(endpoint.srtp().contextCount()).isZero();
    }
    long fannedOut = session.stage("fanout", "passed");
    sendFor(alice, 300);
    assertThat(session.stage("fanout", "passed")).isEqualTo(fannedOut);
    assertThat(received(bob, alice)).isZero();
  }

  private void connect(String id, SyntheticPeer peer) throws Exception {
    RemoteTransport bridge = session.join(id, peer, peer.fingerprint());
    peer.connect(bridge).get(20, TimeUnit.SECONDS);
    // The bridge side finishes after the client: wait until it can send to this endpoint.
    assertThat(Poll.until(() -> registry.conference(session.meetingId).orElseThrow()
        .endpoint(id).orElseThrow().isReachable(), WAIT)).isTrue();
  }

  private String bridgeUfrag(String endpointId) {
    return registry.conference(session.meetingId).orElseThrow().endpoint(endpointId).orElseThrow()
        .ice().localCredentials().ufrag();
  }

  private String dominantSpeaker() {
    return session.http.json("GET", session.path() + "/dominant-speaker-identification", null)
        .path("dominantEndpoint").asString();
  }

  private static long received(SyntheticPeer listener, SyntheticPeer sender) {
    return listener.received(sender.ssrc()).map(ReceivedStream::packets).orElse(0L);
  }

  private static void sendFor(SyntheticPeer peer, long millis) {
    peer.startSending();
    Poll.sleep(millis);
    peer.stopSending();
  }
}
