package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.Endpoint;
import dev.chorus.colibri2.Fingerprint;
import dev.chorus.colibri2.IceUdpTransport;
import dev.chorus.colibri2.Media;
import dev.chorus.colibri2.MediaSource;
import dev.chorus.colibri2.Relay;
import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.media.transport.dtls.DtlsCertificate;
import dev.chorus.sfu.ColibriHttp;
import dev.chorus.sfu.MediaSfuApplication;
import dev.chorus.sfu.PrometheusScrape;
import dev.chorus.sfu.conference.BridgeRelay;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two bridges in one JVM, each with its own HTTP port and UDP port, joined by a relay pair set up
 * through the Colibri2 API the way a Colibri2 client does it (Jicofo's roles: bridge A's relay is
 * ICE-controlling and gets B's transport with setup active; B's gets A's with setup passive).
 * Synthetic peers: Alice speaks and Dave listens on A; Bob speaks and Carol listens on B.
 */
class RelayBetweenBridgesTest {

  private static final long WAIT = 10_000;

  private static ConfigurableApplicationContext bridgeA;
  private static ConfigurableApplicationContext bridgeB;

  private PeerRuntime runtime;
  private BridgeSession onA;
  private BridgeSession onB;
  private SyntheticPeer alice;
  private SyntheticPeer dave;
  private SyntheticPeer bob;
  private SyntheticPeer carol;

  @BeforeAll
  static void startBridges() {
    bridgeA = startBridge();
    bridgeB = startBridge();
  }

  @AfterAll
  static void stopBridges() {
    bridgeA.close();
    bridgeB.close();
  }

  private static ConfigurableApplicationContext startBridge() {
    return new SpringApplicationBuilder(MediaSfuApplication.class).run("--server.port=0",
        "--chorus.sfu.udp-port=0", "--chorus.sfu.bind-address=127.0.0.1",
        "--chorus.sfu.housekeeping-interval=100ms");
  }

  private static int httpPort(ConfigurableApplicationContext bridge) {
    return bridge.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  private static ConferenceRegistry registry(ConfigurableApplicationContext bridge) {
    return bridge.getBean(ConferenceRegistry.class);
  }

  @BeforeEach
  void joinPeersAndLinkTheBridges() throws Exception {
    runtime = PeerRuntime.start();
    onA = new BridgeSession(httpPort(bridgeA));
    onB = new BridgeSession(httpPort(bridgeB));
    alice = SyntheticPeer.create(runtime);
    dave = SyntheticPeer.create(runtime);
    bob = SyntheticPeer.create(runtime);
    carol = SyntheticPeer.create(runtime);
    connect(bridgeA, onA, "alice", alice);
    connect(bridgeA, onA, "dave", dave);
    connect(bridgeB, onB, "bob", bob);
    connect(bridgeB, onB, "carol", carol);

    link(onA, List.of(relayed("bob", bob), Endpoint.relayed("carol", "carol", List.of())),
        onB, List.of(relayed("alice", alice), Endpoint.relayed("dave", "dave", List.of())));
  }

  /**
   * Sets up the relay pair of one conference on both bridges: each side is told the endpoints of
   * the other, then the other's transport.
   */
  private static void link(BridgeSession a, List<Endpoint> ofB, BridgeSession b,
      List<Endpoint> ofA) {
    JsonNode relayOfA = a.http.json("PATCH", a.path(), Conference.relay(Relay.create(
        "bridge-b", "mesh-1", true, List.of(Media.opusWithAudioLevel()), ofB)));
    JsonNode relayOfB = b.http.json("PATCH", b.path(), Conference.relay(Relay.create(
        "bridge-a", "mesh-1", false, List.of(Media.opusWithAudioLevel()), ofA)));
    a.http.json("PATCH", a.path(), Conference.relay(Relay.transport("bridge-b",
        withSetup(relayOfB, "active"))));
    b.http.json("PATCH", b.path(), Conference.relay(Relay.transport("bridge-a",
        withSetup(relayOfA, "passive"))));

    assertThat(Poll.until(() -> relay(bridgeA, a, "bridge-b").isReachable()
        && relay(bridgeB, b, "bridge-a").isReachable(), WAIT)).as("relay connected").isTrue();
  }

  @AfterEach
  void leave() {
    onA.http.send("PATCH", onA.path(), "{\"expire\":true}");
    onB.http.send("PATCH", onB.path(), "{\"expire\":true}");
    for (SyntheticPeer p : new SyntheticPeer[] {alice, dave, bob, carol}) {
      if (p != null) {
        p.close();
      }
    }
    runtime.close();
  }

  @Test
  void eachBridgesSpeakerIsHeardOnTheOtherBridgeInOrderWithItsPayload() {
    alice.audioLevel(10, true);
    bob.audioLevel(20, true);
    alice.startSending();
    bob.startSending();
    Poll.sleep(1000);
    alice.stopSending();
    bob.stopSending();

    long fromAlice = alice.sent().packets();
    long fromBob = bob.sent().packets();
    assertThat(fromAlice).isGreaterThan(20);
    assertThat(Poll.until(() -> Delivery.nearlyAll(received(carol, alice), fromAlice)
        && Delivery.nearlyAll(received(bob, alice), fromAlice) && Delivery.nearlyAll(received(dave, bob), fromBob)
        && Delivery.nearlyAll(received(alice, bob), fromBob), WAIT)).as("every packet crossed the relay").isTrue();
    for (SyntheticPeer listener : new SyntheticPeer[] {carol, bob}) {
      ReceivedStream stream = listener.received(alice.ssrc()).orElseThrow();
      Delivery.assertFaithful(stream, alice.sent().packets());
      assertThat(stream.lastAudioLevel()).isEqualTo(10);
    }
    for (SyntheticPeer listener : new SyntheticPeer[] {dave, alice}) {
      ReceivedStream stream = listener.received(bob.ssrc()).orElseThrow();
      Delivery.assertFaithful(stream, bob.sent().packets());
    }
    // Dave hears Alice once, from his own bridge: B never sends A's audio back over the relay.
    Delivery.assertFaithful(dave.received(alice.ssrc()).orElseThrow(), fromAlice);
    // Once per relay (Alice's packets and a sender report a second), not once per listener on B.
    assertThat(relay(bridgeA, onA, "bridge-b").packetsSent()).isBetween(fromAlice, fromAlice + 10);
    JsonNode statsOfB = onB.stats();
    assertThat(statsOfB.path("octo_conferences").asInt()).isEqualTo(1);
    assertThat(statsOfB.path("octo_endpoints").asInt()).isEqualTo(2);
    assertThat(statsOfB.path("total_packets_received_octo").asLong())
        .isGreaterThanOrEqualTo(fromAlice);
    assertThat(statsOfB.path("dtls_failed_relays").asLong()).isZero();
    PrometheusScrape metricsOfA = PrometheusScrape.of(onA.http);
    assertThat(metricsOfA.value("chorus_sfu_relays", "")).isEqualTo(1);
    assertThat(metricsOfA.value("chorus_sfu_relay_packets_total", "direction=\"out\""))
        .isGreaterThanOrEqualTo(fromAlice);
    // Relayed audio levels feed the speaker identification of the other bridge: Alice (-10 dBov)
    // is louder than Bob (-20 dBov), who is local to B.
    assertThat(Poll.until(() -> "alice".equals(onB.http.json("GET",
        onB.path() + "/dominant-speaker-identification", null).path("dominantEndpoint")
        .asString()), WAIT)).isTrue();
  }

  @Test
  void twoConferencesSpanningTheSameTwoBridgesEachHearOnlyTheirOwnSpeakers() throws Exception {
    BridgeSession secondOnA = new BridgeSession(httpPort(bridgeA));
    BridgeSession secondOnB = new BridgeSession(httpPort(bridgeB));
    try (SyntheticPeer erin = SyntheticPeer.create(runtime);
        SyntheticPeer frank = SyntheticPeer.create(runtime)) {
      connect(bridgeA, secondOnA, "erin", erin);
      connect(bridgeB, secondOnB, "frank", frank);
      link(secondOnA, List.of(Endpoint.relayed("frank", "frank", List.of())),
          secondOnB, List.of(relayed("erin", erin)));
      assertThat(relay(bridgeA, secondOnA, "bridge-b").port().port())
          .isNotEqualTo(relay(bridgeA, onA, "bridge-b").port().port());

      alice.startSending();
      erin.startSending();
      Poll.sleep(800);
      alice.stopSending();
      erin.stopSending();

      long fromAlice = alice.sent().packets();
      long fromErin = erin.sent().packets();
      assertThat(Poll.until(() -> Delivery.nearlyAll(received(carol, alice), fromAlice)
          && Delivery.nearlyAll(received(frank, erin), fromErin), WAIT))
          .as("each conference's audio crossed its own relay").isTrue();
      Delivery.assertFaithful(frank.received(erin.ssrc()).orElseThrow(), fromErin);
      assertThat(received(frank, alice)).isZero();
      assertThat(received(carol, erin)).isZero();
      assertThat(received(bob, erin)).isZero();
      assertThat(registry(bridgeA).relayCount()).isEqualTo(2);
    } finally {
      secondOnA.http.send("PATCH", secondOnA.path(), "{\"expire\":true}");
      secondOnB.http.send("PATCH", secondOnB.path(), "{\"expire\":true}");
    }
  }

  @Test
  void aSpeakerForceMutedOnHerBridgeIsNotHeardOnTheOther() {
    onA.forceMute("alice", true);
    long droppedBefore = onA.stage("force-mute", "dropped");
    bob.startSending();
    alice.startSending();
    Poll.sleep(600);
    alice.stopSending();
    bob.stopSending();
    long fromBob = bob.sent().packets();
    Poll.until(() -> onA.stage("force-mute", "dropped") >= droppedBefore + alice.sent().packets(),
        WAIT);
    assertThat(Poll.until(() -> Delivery.nearlyAll(received(dave, bob), fromBob), WAIT)).isTrue();
    assertThat(onA.stage("force-mute", "dropped")).isGreaterThan(droppedBefore);
    assertThat(received(carol, alice)).isZero();
    assertThat(received(bob, alice)).isZero();
  }

  @Test
  void expiringTheRelaysFreesThemAndStopsTheAudioBetweenBridges() {
    BridgeRelay ofA = relay(bridgeA, onA, "bridge-b");
    BridgeRelay ofB = relay(bridgeB, onB, "bridge-a");
    assertThat(bridgeA.getBean(MediaSocket.class).openRelayPorts()).isEqualTo(1);

    assertThat(onA.http.json("PATCH", onA.path(), Conference.relay(Relay.expire("bridge-b")))
        .path("relays").get(0).path("expire").asBoolean()).isTrue();
    onB.http.json("PATCH", onB.path(), Conference.relay(Relay.expire("bridge-a")));

    assertThat(ofA.isReleased()).isTrue();
    assertThat(ofB.isReleased()).isTrue();
    assertThat(ofA.srtp().contextCount()).isZero();
    assertThat(ofA.port().isOpen()).isFalse();
    assertThat(bridgeA.getBean(MediaSocket.class).openRelayPorts()).isZero();
    assertThat(bridgeB.getBean(MediaSocket.class).openRelayPorts()).isZero();
    // Alice and Dave are still there.
    assertThat(registry(bridgeA).indexedAddresses()).isEqualTo(2);
    assertThat(registry(bridgeA).indexedUfrags()).isEqualTo(2);
    assertThat(onA.stats().path("octo_conferences").asInt()).isZero();
    assertThat(onB.stats().path("octo_endpoints").asInt()).isZero();
    assertThat(onA.stats().path("conferences").asInt()).isEqualTo(1);

    assertAliceIsHeardOnHerBridgeOnly();
  }

  @Test
  void aRelayWhoseOtherBridgeHasAnotherCertificateCarriesNothing() {
    onA.http.json("PATCH", onA.path(), Conference.relay(Relay.expire("bridge-b")));
    onB.http.json("PATCH", onB.path(), Conference.relay(Relay.expire("bridge-a")));
    long failedBefore = onA.stats().path("dtls_failed_relays").asLong();

    JsonNode relayOfA = onA.http.json("PATCH", onA.path(), Conference.relay(Relay.create(
        "bridge-b", "mesh-1", true, List.of(), List.of())));
    JsonNode relayOfB = onB.http.json("PATCH", onB.path(), Conference.relay(Relay.create(
        "bridge-a", "mesh-1", false, List.of(), List.of(relayed("alice", alice)))));
    IceUdpTransport ofB = withSetup(relayOfB, "active");
    IceUdpTransport forged = IceUdpTransport.of(ofB.ufrag(), ofB.pwd(), List.of(new Fingerprint(
        DtlsCertificate.generate().fingerprint().value(), "active", Fingerprint.SHA_256)),
        ofB.candidates());
    onA.http.json("PATCH", onA.path(), Conference.relay(Relay.transport("bridge-b", forged)));
    onB.http.json("PATCH", onB.path(), Conference.relay(Relay.transport("bridge-a",
        withSetup(relayOfA, "passive"))));

    assertThat(Poll.until(() -> onA.stats().path("dtls_failed_relays").asLong() > failedBefore,
        WAIT)).as("A refused B's certificate").isTrue();
    assertThat(relay(bridgeA, onA, "bridge-b").isReachable()).isFalse();
    assertAliceIsHeardOnHerBridgeOnly();
  }

  @Test
  void badRelayRequestsAreRefusedAndAllocateNothing() {
    long created = onA.stats().path("total_relays").asLong();
    int relaysBefore = conferenceRelays(bridgeA, onA);
    String[] refused = {
        // no transport
        "{\"relays\":[{\"id\":\"x\",\"create\":true}]}",
        // video
        "{\"relays\":[{\"id\":\"x\",\"create\":true,\"transport\":{},"
            + "\"medias\":[{\"type\":\"video\"}]}]}",
        // relays and endpoints together, as Jitsi Videobridge refuses them
        "{\"endpoints\":[{\"id\":\"alice\",\"force-mute\":{\"audio\":true,\"video\":false}}],"
            + "\"relays\":[{\"id\":\"x\",\"create\":true,\"transport\":{}}]}",
        // two relays in one request
        "{\"relays\":[{\"id\":\"x\",\"create\":true,\"transport\":{}},"
            + "{\"id\":\"y\",\"create\":true,\"transport\":{}}]}",
        // the same id again
        "{\"relays\":[{\"id\":\"bridge-b\",\"create\":true,\"transport\":{}}]}",
        // unknown relay
        "{\"relays\":[{\"id\":\"nope\",\"endpoints\":[{\"id\":\"z\",\"create\":true}]}]}",
        // a transport without candidates
        "{\"relays\":[{\"id\":\"x\",\"create\":true,\"transport\":{\"transport\":{"
            + "\"ufrag\":\"u\",\"pwd\":\"p123456789012345678901\",\"candidates\":[],"
            + "\"fingerprints\":[]}}}]}",
    };
    for (String body : refused) {
      ColibriHttp.Response response = onA.http.send("PATCH", onA.path(), body);
      assertThat(response.status()).as(body).isBetween(400, 499);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
    assertThat(onA.stats().path("total_relays").asLong()).isEqualTo(created);
    assertThat(conferenceRelays(bridgeA, onA)).isEqualTo(relaysBefore);
    assertThat(bridgeA.getBean(MediaSocket.class).openRelayPorts()).isEqualTo(relaysBefore);
    assertThat(registry(bridgeA).conference(onA.meetingId).orElseThrow().endpoint("alice")
        .orElseThrow().audioForceMuted()).isFalse();
  }

  private static IceUdpTransport withSetup(JsonNode answer, String setup) {
    JsonNode ice = answer.has("relays")
        ? answer.path("relays").get(0).path("transport").path("transport") : answer;
    IceUdpTransport bridge = ColibriHttp.JSON.treeToValue(ice, IceUdpTransport.class);
    Fingerprint f = bridge.fingerprints().get(0);
    return IceUdpTransport.of(bridge.ufrag(), bridge.pwd(),
        List.of(new Fingerprint(f.fingerprint(), setup, f.hash())), bridge.candidates());
  }

  private static Endpoint relayed(String id, SyntheticPeer peer) {
    return Endpoint.relayed(id, id,
        List.of(MediaSource.audio(id + "-a0", Integer.toUnsignedLong(peer.ssrc()))));
  }

  private static BridgeRelay relay(ConfigurableApplicationContext bridge, BridgeSession session,
      String id) {
    return registry(bridge).conference(session.meetingId).orElseThrow().relay(id).orElseThrow();
  }

  private static int conferenceRelays(ConfigurableApplicationContext bridge,
      BridgeSession session) {
    return registry(bridge).conference(session.meetingId).orElseThrow().relays().length;
  }

  private static void connect(ConfigurableApplicationContext bridge, BridgeSession session,
      String id, SyntheticPeer peer) throws Exception {
    session.connect(id, peer, registry(bridge));
  }

  /** Alice speaks: Dave, beside her on A, hears her; Carol on B does not. */
  private void assertAliceIsHeardOnHerBridgeOnly() {
    alice.startSending();
    Poll.sleep(400);
    alice.stopSending();
    long sent = alice.sent().packets();
    assertThat(Poll.until(() -> Delivery.nearlyAll(received(dave, alice), sent), WAIT)).isTrue();
    assertThat(received(carol, alice)).isZero();
  }

  private static long received(SyntheticPeer listener, SyntheticPeer sender) {
    return listener.received(sender.ssrc()).map(ReceivedStream::packets).orElse(0L);
  }
}
