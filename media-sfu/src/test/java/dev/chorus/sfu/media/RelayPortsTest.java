package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.Media;
import dev.chorus.colibri2.Relay;
import dev.chorus.sfu.ColibriHttp;
import dev.chorus.sfu.MediaSfuApplication;
import dev.chorus.sfu.SfuProperties;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code chorus.sfu.relay-ports}: relays take their ports from the range, and a full range refuses. */
class RelayPortsTest {

  private static int relayPort;
  private static ConfigurableApplicationContext bridge;
  private static BridgeSession session;

  @BeforeAll
  static void startBridgeWithOneRelayPort() throws IOException {
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      relayPort = probe.getLocalPort();
    }
    bridge = new SpringApplicationBuilder(MediaSfuApplication.class).run("--server.port=0",
        "--chorus.sfu.udp-port=0", "--chorus.sfu.bind-address=127.0.0.1",
        "--chorus.sfu.relay-ports=" + relayPort + "-" + relayPort);
    session = new BridgeSession(
        bridge.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  @AfterAll
  static void stopBridge() {
    bridge.close();
  }

  @Test
  void aRelayTakesAPortOfTheRangeAndAFullRangeRefusesTheNextAllocatingNothing() {
    JsonNode first = session.http.json("PATCH", session.path(), createRelay("other-1"));
    assertThat(first.path("relays").get(0).path("transport").path("transport").path("candidates")
        .get(0).path("port").asInt()).isEqualTo(relayPort);
    long created = session.stats().path("total_relays").asLong();

    ColibriHttp.Response refused = session.http.send("PATCH", session.path(),
        ColibriHttp.JSON.writeValueAsString(createRelay("other-2")));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().path("type").asString()).endsWith("/no-relay-port");
    assertThat(refused.json().path("detail").asString()).contains("other-2");
    assertThat(session.stats().path("total_relays").asLong()).isEqualTo(created);
    assertThat(bridge.getBean(ConferenceRegistry.class).relayCount()).isEqualTo(1);
    assertThat(bridge.getBean(MediaSocket.class).openRelayPorts()).isEqualTo(1);

    // The port comes back when its relay expires (and with it the conference, left empty).
    session.http.json("PATCH", session.path(), Conference.relay(Relay.expire("other-1")));
    assertThat(bridge.getBean(MediaSocket.class).openRelayPorts()).isZero();
    BridgeSession next = new BridgeSession(
        bridge.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    // The operating system frees it once the packet thread has let go of it, moments later.
    ColibriHttp.Response[] again = new ColibriHttp.Response[1];
    assertThat(Poll.until(() -> {
      again[0] = next.http.send("PATCH", next.path(),
          ColibriHttp.JSON.writeValueAsString(createRelay("other-2")));
      return again[0].status() == 200;
    }, 5_000)).as("the freed port is taken again").isTrue();
    assertThat(again[0].json().path("relays").get(0).path("transport").path("transport")
        .path("candidates").get(0).path("port").asInt()).isEqualTo(relayPort);
  }

  @Test
  void aMalformedRangeIsRefusedAtStart() {
    for (String range : new String[] {"20000", "2000-1000", "0-10", "1-70000", "a-b"}) {
      assertThatThrownBy(() -> new SfuProperties(10000, "0.0.0.0", "127.0.0.1", null, null, 4,
          200000, null, "", 0, null, range)).as(range)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("chorus.sfu.relay-ports");
    }
    assertThat(new SfuProperties(10000, "0.0.0.0", "127.0.0.1", null, null, 4, 200000, null, "", 0,
        null, " 20000 - 20999 ").relayPortRange().size()).isEqualTo(1000);
  }

  private static Conference createRelay(String id) {
    return Conference.relay(Relay.create(id, "mesh-1", true, List.of(Media.opusWithAudioLevel()),
        List.of()));
  }
}
