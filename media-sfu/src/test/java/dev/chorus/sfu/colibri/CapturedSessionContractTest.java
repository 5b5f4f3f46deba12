package dev.chorus.sfu.colibri;

import static dev.chorus.sfu.ColibriHttp.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.sfu.ColibriHttp;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Replays, in order, every request of a session captured against a real Jitsi Videobridge and
 * compares media-sfu's answers with the captured ones: the same status codes, and JSON answers
 * of the same shape (field names, nesting and value types; ids, credentials and other random
 * values aside). Where the real bridge lags or half-applies a refused request, media-sfu's own
 * answer is asserted instead and the difference named.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1"})
class CapturedSessionContractTest {

  /** Keys media-sfu leaves out on purpose: it has no Colibri web sockets (no data channels). */
  private static final String WEB_SOCKETS = "/endpoints[]/transport/transport/web-sockets";

  @LocalServerPort
  int port;

  @Autowired
  ConferenceRegistry registry;

  @Test
  void answersTheCapturedSessionLikeJitsiVideobridge() {
    ColibriHttp http = new ColibriHttp(port);
    for (int step = 1; step <= 33; step++) {
      String name = stepName(step);
      String[] request = capture(name + ".req.txt").split("\n")[0].split(" ");
      ColibriHttp.Response answer = http.send(request[0], request[1], capture(name + ".req.body"));
      String capturedStatusLine = capture(name + ".resp.headers").split("\n")[0];
      int capturedStatus = Integer.parseInt(capturedStatusLine.split(" ")[1]);
      assertThat(answer.status()).as(name + " status").isEqualTo(capturedStatus);
      checkBody(name, answer);
    }
    assertThat(registry.conferences()).isEmpty();
    assertThat(registry.indexedUfrags()).isZero();
    assertThat(registry.indexedAddresses()).isZero();
  }

  private void checkBody(String name, ColibriHttp.Response answer) {
    String captured = capture(name + ".resp.body");
    if (answer.status() >= 400 && answer.status() < 500) {
      // Jitsi Videobridge answers HTML or nothing; media-sfu answers a problem detail.
      assertThat(answer.contentType()).as(name).startsWith("application/problem+json");
      assertThat(answer.json().path("detail").asString()).as(name).isNotBlank();
      return;
    }
    if (captured.isEmpty() || !captured.startsWith("{")) {
      assertThat(answer.body()).as(name + " body").isNullOrEmpty();
      return;
    }
    JsonNode ours = answer.json();
    JsonNode theirs = ColibriHttp.JSON.readTree(captured);
    switch (name) {
      case "05-set-transport-sources", "06-set-sources-ep2", "07-dominant-speaker",
          "10-expire-endpoint-ep2", "13-expire-conference", "31-expire-all-endpoints-b" ->
          assertThat(ours).as(name).isEqualTo(theirs);
      case "11-dominant-speaker-after" -> {
        // The real bridge still lists the expired ep2bbbbb here; media-sfu forgets it at once.
        assertThat(shape(ours)).as(name).isEqualTo(shape(theirs));
        assertThat(ours.path("endpointsBySpeechActivity").toString()).isEqualTo("[\"ep1aaaaa\"]");
      }
      case "30-dominant-speaker-b" -> {
        // The real bridge created ep6fffff although it refused the request (step 29) with 400;
        // media-sfu allocates nothing for a refused request.
        assertThat(shape(ours)).as(name).isEqualTo(shape(theirs));
        assertThat(ours.path("endpointsBySpeechActivity").toString()).isEqualTo("[\"ep5eeeee\"]");
      }
      case "03-create-conference", "04-add-second-endpoint", "18-create-conference-b" ->
          checkAllocation(name, ours, theirs);
      case "09-stats", "12-stats-after-ep2-expire", "16-stats-after", "33-stats-end" ->
          checkStats(name, ours, theirs);
      default -> assertThat(shape(ours)).as(name).isEqualTo(shape(theirs));
    }
  }

  private static void checkAllocation(String name, JsonNode ours, JsonNode theirs) {
    Map<String, String> expected = shape(theirs);
    expected.keySet().removeIf(path -> path.startsWith(WEB_SOCKETS));
    assertThat(shape(ours)).as(name).isEqualTo(expected);
    JsonNode transport = ours.path("endpoints").get(0).path("transport").path("transport");
    JsonNode fingerprint = transport.path("fingerprints").get(0);
    assertThat(fingerprint.path("setup").asString()).isEqualTo("actpass");
    assertThat(fingerprint.path("hash").asString()).isEqualTo("sha-256");
    assertThat(fingerprint.path("fingerprint").asString()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(transport.path("xmlns").asString())
        .isEqualTo("urn:xmpp:jingle:transports:ice-udp:1");
    assertThat(transport.path("ufrag").asString()).isNotBlank();
    assertThat(transport.path("pwd").asString().length()).isGreaterThanOrEqualTo(22);
    assertThat(transport.path("rtcp-mux").asBoolean()).isTrue();
    JsonNode candidate = transport.path("candidates").get(0);
    assertThat(candidate.path("type").asString()).isEqualTo("host");
    assertThat(candidate.path("protocol").asString()).isEqualTo("udp");
    assertThat(candidate.path("ip").asString()).isEqualTo("127.0.0.1");
    assertThat(ours.path("endpoints").get(0).path("id"))
        .isEqualTo(theirs.path("endpoints").get(0).path("id"));
    JsonNode bridgeAudio = ours.path("sources").get(0);
    assertThat(bridgeAudio.path("type").asString()).isEqualTo("audio");
    assertThat(bridgeAudio.path("id").asString()).isEqualTo("jvb-a0");
    assertThat(bridgeAudio.path("sources").get(0).path("ssrc").asLong()).isPositive();
    // Audio only: no jvb-v0 video source.
    assertThat(ours.path("sources").size()).isEqualTo(1);
  }

  /** Every key media-sfu serves is one Jitsi Videobridge serves, with the same JSON type. */
  private static void checkStats(String name, JsonNode ours, JsonNode theirs) {
    Map<String, String> theirShape = shape(theirs);
    shape(ours).forEach((path, type) -> {
      if (!path.startsWith("/packet_path")) {
        assertThat(theirShape).as(name + " " + path).containsKey(path);
        assertThat(numeric(type)).as(name + " " + path).isEqualTo(numeric(theirShape.get(path)));
      }
    });
    double stress = ours.path("stress_level").asDouble();
    assertThat(stress).isBetween(0.0, 1.0);
    int expectedEndpoints = switch (name) {
      case "09-stats" -> 2;
      case "12-stats-after-ep2-expire" -> 1;
      default -> 0;
    };
    assertThat(ours.path("endpoints").asInt()).as(name).isEqualTo(expectedEndpoints);
    assertThat(ours.path("conferences").asInt()).as(name).isEqualTo(expectedEndpoints > 0 ? 1 : 0);
    assertThat(ours.path("packet_path").path("demux").has("passed")).isTrue();
  }

  private static String numeric(String type) {
    return type.equals("INT") || type.equals("DOUBLE") || type.equals("LONG") ? "NUMBER" : type;
  }

  /** JSON pointer-like paths (array elements merged as []) to value types. */
  static Map<String, String> shape(JsonNode node) {
    Map<String, String> paths = new TreeMap<>();
    collect("", node, paths);
    return paths;
  }

  private static void collect(String at, JsonNode node, Map<String, String> paths) {
    if (node.isObject()) {
      paths.put(at.isEmpty() ? "/" : at, "OBJECT");
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collect(at + "/" + field.getKey(), field.getValue(), paths);
      }
    } else if (node.isArray()) {
      paths.put(at, "ARRAY");
      for (JsonNode element : node) {
        collect(at + "[]", element, paths);
      }
    } else {
      paths.put(at, node.isNumber() ? "NUMBER" : node.getNodeType().name());
    }
  }

  private static String stepName(int step) {
    String prefix = String.format("%02d-", step);
    for (String candidate : CapturedSteps.NAMES) {
      if (candidate.startsWith(prefix)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no captured step " + step);
  }
}
