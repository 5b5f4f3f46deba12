package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.colibri2.Conference;
import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.media.peer.RemoteTransport;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.sfu.ColibriHttp;
import dev.chorus.sfu.PrometheusScrape;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/prometheus} over real HTTP while synthetic peers send through the bridge over
 * real UDP: the {@code chorus_sfu_*} meters move with the traffic, and the operators' dashboard
 * asks for nothing this bridge does not export.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1",
        "chorus.sfu.housekeeping-interval=100ms"})
class BridgeMetricsTest {

  private static final long WAIT = 10_000;
  private static final Path DASHBOARD =
      Path.of("..", "deploy", "compose", "grafana", "dashboards", "chorus-overview.json");
  /** A media-sfu metric in a query, with its label matchers if any. */
  private static final Pattern SELECTOR = Pattern.compile("(chorus_sfu_[a-z_]+)(\\{([^}]*)})?");
  private static final Pattern EQUALS = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

  @LocalServerPort
  int port;

  @Autowired
  ConferenceRegistry registry;

  private ColibriHttp http;
  private PeerRuntime runtime;
  private BridgeSession session;
  private SyntheticPeer alice;
  private SyntheticPeer bob;

  @BeforeEach
  void start() {
    http = new ColibriHttp(port);
    runtime = PeerRuntime.start();
  }

  @AfterEach
  void leave() {
    if (session != null) {
      session.http.send("PATCH", session.path(), "{\"expire\":true}");
    }
    for (SyntheticPeer p : new SyntheticPeer[] {alice, bob}) {
      if (p != null) {
        p.close();
      }
    }
    runtime.close();
  }

  @Test
  void metersFollowWhatPeersSendThroughTheBridge() throws Exception {
    PrometheusScrape before = scrape();
    session = new BridgeSession(port);
    alice = SyntheticPeer.create(runtime);
    bob = SyntheticPeer.create(runtime);
    connect("alice", alice);
    connect("bob", bob);

    alice.startSending();
    try {
      assertThat(Poll.until(() -> scrape().value("chorus_sfu_stress", "") > 0, WAIT))
          .as("stress while Alice sends").isTrue();
      assertThat(Poll.until(() -> scrape().value("chorus_sfu_forwarding_delay_seconds",
          "quantile=\"0.5\"") > 0, WAIT)).as("forwarding delay measured").isTrue();
    } finally {
      alice.stopSending();
    }
    long sent = alice.sent().packets();
    assertThat(Poll.until(() -> bob.received(alice.ssrc()).map(ReceivedStream::packets)
        .orElse(0L) >= sent - Delivery.tolerance(sent), WAIT)).isTrue();

    PrometheusScrape after = scrape();
    assertThat(after.value("chorus_sfu_conferences", ""))
        .isEqualTo(before.value("chorus_sfu_conferences", "") + 1);
    assertThat(after.value("chorus_sfu_endpoints", ""))
        .isEqualTo(before.value("chorus_sfu_endpoints", "") + 2);
    for (String name : new String[] {"chorus_sfu_packets_total", "chorus_sfu_bytes_total"}) {
      // Alice's packets came in and went out again to Bob.
      assertThat(after.value(name, "direction=\"in\"") - before.value(name, "direction=\"in\""))
          .as(name + " in").isGreaterThanOrEqualTo(sent);
      assertThat(after.value(name, "direction=\"out\"") - before.value(name, "direction=\"out\""))
          .as(name + " out").isGreaterThanOrEqualTo(sent);
    }
    assertThat(after.value("chorus_sfu_dtls_handshakes_total", "outcome=\"completed\""))
        .isGreaterThanOrEqualTo(before.value("chorus_sfu_dtls_handshakes_total",
            "outcome=\"completed\"") + 2);
    assertThat(after.value("chorus_sfu_dtls_handshakes_total", "outcome=\"failed\"")).isZero();
    assertThat(after.value("chorus_sfu_forwarding_delay_seconds", "quantile=\"0.99\""))
        .isPositive();
    assertThat(after.value("chorus_sfu_forwarding_delay_seconds", "quantile=\"1.0\""))
        .isPositive();

    byte[] garbage = new byte[100];
    Arrays.fill(garbage, (byte) 0xFF);
    double demuxDropped = after.value("chorus_sfu_packets_dropped_total", "stage=\"demux\"");
    bob.sendDatagram(garbage);
    assertThat(Poll.until(() -> scrape().value("chorus_sfu_packets_dropped_total",
        "stage=\"demux\"") > demuxDropped, WAIT)).as("garbage dropped at demux").isTrue();

    http.json("PATCH", session.path(), Conference.expireConference());
    session = null;
    assertThat(scrape().value("chorus_sfu_conferences", ""))
        .isEqualTo(before.value("chorus_sfu_conferences", ""));
  }

  @Test
  void everyStageOfThePacketPathHasItsDropCounter() {
    PrometheusScrape scrape = scrape();
    for (String stage : new String[] {"demux", "ice", "dtls", "srtp-decrypt", "force-mute",
        "audio-level", "rtcp", "fanout"}) {
      assertThat(scrape.value("chorus_sfu_packets_dropped_total", "stage=\"" + stage + "\""))
          .as(stage).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void theDashboardQueriesOnlySeriesThisBridgeExports() throws IOException {
    PrometheusScrape scrape = scrape();
    JsonNode dashboard = ColibriHttp.JSON.readTree(Files.readString(DASHBOARD));
    List<String> selectors = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher selector = SELECTOR.matcher(target.path("expr").asString());
        while (selector.find()) {
          selectors.add(selector.group());
          assertThat(scrape.names()).as(panel.path("title").asString()).contains(selector.group(1));
          Matcher equals = EQUALS.matcher(selector.group(3) == null ? "" : selector.group(3));
          while (equals.find()) {
            String label = equals.group(1) + "=\"" + equals.group(2) + "\"";
            assertThat(scrape.series().keySet()).as(selector.group())
                .anyMatch(s -> s.startsWith(selector.group(1) + "{") && s.contains(label));
          }
        }
      }
    }
    assertThat(selectors).as("the dashboard's media-sfu queries").isNotEmpty();
  }

  private PrometheusScrape scrape() {
    return PrometheusScrape.of(http);
  }

  private void connect(String id, SyntheticPeer peer) throws Exception {
    RemoteTransport bridge = session.join(id, peer, peer.fingerprint());
    peer.connect(bridge).get(20, TimeUnit.SECONDS);
    assertThat(Poll.until(() -> registry.conference(session.meetingId).orElseThrow()
        .endpoint(id).orElseThrow().isReachable(), WAIT)).isTrue();
  }
}
