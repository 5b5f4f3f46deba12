package dev.chorus.sfu.colibri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.colibri2.Conference;
import dev.chorus.sfu.ColibriHttp;
import dev.chorus.sfu.conference.ConferenceRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With {@code chorus.sfu.api-token} set, only callers presenting it reach the Colibri2 API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1",
        "chorus.sfu.api-token=" + ColibriAuthenticationTest.TOKEN})
class ColibriAuthenticationTest {

  static final String TOKEN = "s3cret-colibri-token";

  @LocalServerPort
  int port;

  @Autowired
  ConferenceRegistry registry;

  @Test
  void withoutATokenNothingIsAllocatedAndStatsAreNotServed() {
    ColibriHttp anonymous = new ColibriHttp(port);
    long created = registry.conferencesCreated();

    ColibriHttp.Response refused = anonymous.send("POST", "/colibri/v2/conferences", create());
    ColibriHttp.Response stats = anonymous.send("GET", "/colibri/stats", null);

    for (ColibriHttp.Response answer : List.of(refused, stats)) {
      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.json().path("type").asString())
          .isEqualTo("https://chorus.dev/problems/colibri2/unauthorized");
      assertThat(answer.json().path("status").asInt()).isEqualTo(401);
      assertThat(answer.json().path("detail").asString()).contains("no bearer token");
      assertThat(answer.body()).doesNotContain(TOKEN);
    }
    assertThat(registry.conferencesCreated()).isEqualTo(created);
    assertThat(registry.conferences()).isEmpty();
  }

  @Test
  void aWrongTokenIsRefused() {
    ColibriHttp wrong = new ColibriHttp(port, TOKEN + "x");
    long created = registry.conferencesCreated();

    ColibriHttp.Response refused = wrong.send("POST", "/colibri/v2/conferences", create());

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().path("detail").asString()).contains("wrong bearer token");
    assertThat(wrong.send("GET", "/colibri/stats", null).status()).isEqualTo(401);
    assertThat(new ColibriHttp(port, "").send("GET", "/colibri/stats", null).status())
        .isEqualTo(401);
    assertThat(registry.conferencesCreated()).isEqualTo(created);
  }

  @Test
  void drainModeIsSwitchedWithTheTokenOnlyAndShownInTheStats() {
    ColibriHttp caller = new ColibriHttp(port, TOKEN);
    ColibriHttp anonymous = new ColibriHttp(port);
    try {
      assertThat(anonymous.send("POST", "/colibri/drain/enable", null).status()).isEqualTo(401);
      assertThat(caller.json("GET", "/colibri/stats", null).path("drain").asBoolean()).isFalse();

      assertThat(caller.send("POST", "/colibri/drain/enable", null).status()).isEqualTo(200);
      assertThat(caller.json("GET", "/colibri/stats", null).path("drain").asBoolean()).isTrue();
      assertThat(caller.json("GET", "/colibri/drain", null).path("drain").asBoolean()).isTrue();
      // A draining bridge still serves: it is the clients who stop placing rooms on it.
      String meetingId = UUID.randomUUID().toString();
      assertThat(caller.send("POST", "/colibri/v2/conferences", ColibriHttp.JSON.writeValueAsString(
          Conference.create(meetingId, "drain@chorus", List.of()))).status()).isEqualTo(200);
      caller.send("PATCH", "/colibri/v2/conferences/" + meetingId, "{\"expire\":true}");
      assertThat(anonymous.send("POST", "/colibri/drain/disable", null).status()).isEqualTo(401);
      assertThat(caller.json("GET", "/colibri/drain", null).path("drain").asBoolean()).isTrue();
    } finally {
      assertThat(caller.send("POST", "/colibri/drain/disable", null).status()).isEqualTo(200);
    }
    assertThat(caller.json("GET", "/colibri/stats", null).path("drain").asBoolean()).isFalse();
  }

  @Test
  void theRightTokenReachesTheApi() {
    ColibriHttp caller = new ColibriHttp(port, TOKEN);
    String meetingId = UUID.randomUUID().toString();

    ColibriHttp.Response created = caller.send("POST", "/colibri/v2/conferences",
        ColibriHttp.JSON.writeValueAsString(Conference.create(meetingId, "auth@chorus", List.of())));

    assertThat(created.status()).isEqualTo(200);
    assertThat(registry.conference(meetingId)).isPresent();
    assertThat(caller.json("GET", "/colibri/stats", null).path("conferences").asInt()).isEqualTo(1);
    assertThat(caller.send("PATCH", "/colibri/v2/conferences/" + meetingId, "{\"expire\":true}")
        .status()).isEqualTo(200);
    assertThat(registry.conferences()).isEmpty();
  }

  @Test
  void healthAndVersionStayOpen() {
    ColibriHttp anonymous = new ColibriHttp(port);
    assertThat(anonymous.send("GET", "/about/health", null).status()).isEqualTo(200);
    assertThat(anonymous.send("GET", "/about/version", null).status()).isEqualTo(200);
  }

  private static String create() {
    return ColibriHttp.JSON.writeValueAsString(
        Conference.create(UUID.randomUUID().toString(), "refused@chorus", List.of()));
  }
}
