package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.sfu.conference.ConferenceRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the bridge's lifecycle (as Spring does to a paused context) and starting it again keeps
 * its media port: the endpoints connected before are heard after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1"})
class LifecycleRestartTest {

  @LocalServerPort
  int port;

  @Autowired
  ConferenceRegistry registry;

  @Autowired
  ConfigurableApplicationContext context;

  @Test
  void mediaFlowsAgainAfterTheLifecycleIsStoppedAndStarted() throws Exception {
    BridgeSession session = new BridgeSession(port);
    try (SpeakerAndListener peers = SpeakerAndListener.connect(session, registry)) {
      SyntheticPeer speaker = peers.speaker();
      SyntheticPeer listener = peers.listener();
      assertHeard(speaker, listener);

      context.stop();
      context.start();

      assertHeard(speaker, listener);
      assertThat(context.getBean(MediaSocket.class).isHealthy()).isTrue();
    } finally {
      // The restarted web server may listen on another random port: expire through the registry.
      registry.conference(session.meetingId).ifPresent(c -> registry.expire(c, "test over"));
    }
  }

  private static void assertHeard(SyntheticPeer speaker, SyntheticPeer listener) {
    long before = listener.received(speaker.ssrc()).map(ReceivedStream::packets).orElse(0L);
    speaker.startSending();
    Poll.sleep(400);
    speaker.stopSending();
    assertThat(Poll.until(() -> listener.received(speaker.ssrc()).map(ReceivedStream::packets)
        .orElse(0L) >= before + 10, 10_000)).as("packets after").isTrue();
  }
}
