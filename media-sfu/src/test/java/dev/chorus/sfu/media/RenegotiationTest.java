package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.media.transport.srtp.SrtpSession;
import dev.chorus.sfu.conference.BridgeEndpoint;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser answers every new offer on the connection it has (a speaker joined the stage, its
 * own role changed): the same ICE credentials and certificate come again. The bridge must keep the
 * endpoint's DTLS-SRTP session; new SRTP contexts would restart the SRTCP index and the rollover
 * counter that the browser's contexts carry on with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1"})
class RenegotiationTest {

  private static final long WAIT = 10_000;

  @LocalServerPort
  int port;

  @Autowired
  ConferenceRegistry registry;

  private final PeerRuntime runtime = PeerRuntime.start();

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void theSameAnswerAgainKeepsTheEndpointsSrtpSession() throws Exception {
    BridgeSession session = new BridgeSession(port);
    try (SyntheticPeer alice = SyntheticPeer.create(runtime); SyntheticPeer bob = SyntheticPeer.create(runtime)) {
      connect(session, "alice", alice);
      connect(session, "bob", bob);
      SrtpSession keys = endpoint(session, "bob").srtp();
      alice.startSending();
      assertThat(Poll.until(() -> received(bob, alice) >= 50 && bob.stats().rtcpReceived() >= 1, WAIT)).isTrue();

      session.answer("bob", bob, bob.fingerprint());

      assertThat(endpoint(session, "bob").srtp()).isSameAs(keys);
      long rtcp = bob.stats().rtcpReceived();
      long rtp = received(bob, alice);
      assertThat(Poll.until(() -> bob.stats().rtcpReceived() >= rtcp + 2 && received(bob, alice) >= rtp + 100, WAIT))
          .isTrue();
      assertThat(bob.stats().srtpRejected()).isZero();
    } finally {
      session.http.send("PATCH", session.path(), "{\"expire\":true}");
    }
  }

  private void connect(BridgeSession session, String id, SyntheticPeer peer) throws Exception {
    peer.connect(session.join(id, peer, peer.fingerprint())).get(20, TimeUnit.SECONDS);
    assertThat(Poll.until(() -> endpoint(session, id).isReachable(), WAIT)).isTrue();
  }

  private BridgeEndpoint endpoint(BridgeSession session, String id) {
    return registry.conference(session.meetingId).orElseThrow().endpoint(id).orElseThrow();
  }

  private static long received(SyntheticPeer listener, SyntheticPeer sender) {
    return listener.received(sender.ssrc()).map(ReceivedStream::packets).orElse(0L);
  }
}
