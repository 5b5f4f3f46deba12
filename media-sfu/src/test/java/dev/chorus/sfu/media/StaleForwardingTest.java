package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.sfu.conference.ConferenceRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A packet that waited in the fan-out queue longer than {@code max-forwarding-delay} is dropped, not
 * sent late. With a bound shorter than any real forwarding (1 ns), every copy is stale: the listener
 * gets nothing and the fan-out stage counts each copy as dropped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1",
        "chorus.sfu.max-forwarding-delay=1ns"})
class StaleForwardingTest {

  @LocalServerPort
  int port;

  @Autowired
  ConferenceRegistry registry;

  @Test
  void copiesOlderThanTheBoundAreDroppedAndCounted() throws Exception {
    BridgeSession session = new BridgeSession(port);
    try (SpeakerAndListener peers = SpeakerAndListener.connect(session, registry)) {
      SyntheticPeer speaker = peers.speaker();
      SyntheticPeer listener = peers.listener();
      long droppedBefore = session.stage("fanout", "dropped");
      long passedBefore = session.stage("fanout", "passed");

      speaker.startSending();
      Poll.sleep(500);
      speaker.stopSending();
      long sent = speaker.sent().packets();

      assertThat(sent).isGreaterThan(10);
      assertThat(Poll.until(() -> session.stage("fanout", "dropped") >= droppedBefore + sent, 10_000))
          .as("every copy counted as dropped").isTrue();
      assertThat(listener.received(speaker.ssrc()).map(ReceivedStream::packets).orElse(0L)).isZero();
      assertThat(session.stage("fanout", "passed")).isEqualTo(passedBefore);
    } finally {
      session.http.send("PATCH", session.path(), "{\"expire\":true}");
    }
  }
}
