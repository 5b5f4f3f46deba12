package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.sfu.conference.BridgeEndpoint;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Endpoints that fall silent expire, then their empty conference, and nothing is left behind. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1",
        "chorus.sfu.housekeeping-interval=100ms", "chorus.sfu.endpoint-idle-timeout=1s"})
class IdleExpiryTest {

  @LocalServerPort
  int port;

  @Autowired
  ConferenceRegistry registry;

  @Test
  void silentEndpointsAndTheirConferenceExpireAndReleaseEverything() throws Exception {
    BridgeSession session = new BridgeSession(port);
    BridgeEndpoint[] endpoints;
    try (PeerRuntime runtime = PeerRuntime.start()) {
      SyntheticPeer a = SyntheticPeer.create(runtime);
      SyntheticPeer b = SyntheticPeer.create(runtime);
      a.connect(session.join("a", a, a.fingerprint())).get(20, TimeUnit.SECONDS);
      b.connect(session.join("b", b, b.fingerprint())).get(20, TimeUnit.SECONDS);
      assertThat(Poll.until(() -> registry.indexedAddresses() == 2, 10_000)).isTrue();
      endpoints = registry.conference(session.meetingId).orElseThrow().endpoints();
      assertThat(session.stats().path("endpoints").asInt()).isEqualTo(2);
      a.close();
      b.close();
    }

    assertThat(Poll.until(() -> session.stats().path("conferences").asInt() == 0, 15_000))
        .isTrue();
    assertThat(session.stats().path("endpoints").asInt()).isZero();
    assertThat(session.stats().path("total_conferences_completed").asLong()).isEqualTo(1);
    assertThat(registry.indexedAddresses()).isZero();
    assertThat(registry.indexedUfrags()).isZero();
    for (BridgeEndpoint endpoint : endpoints) {
      assertThat(endpoint.isReleased()).isTrue();
      assertThat(endpoint.srtp() == null || endpoint.srtp().contextCount() == 0).isTrue();
    }
    assertThat(session.http.send("PATCH", session.path(), "{\"expire\":true}").status())
        .isEqualTo(404);
  }
}
