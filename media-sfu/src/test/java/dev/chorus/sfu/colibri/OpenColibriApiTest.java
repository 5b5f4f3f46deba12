package dev.chorus.sfu.colibri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.colibri2.Conference;
import dev.chorus.sfu.ColibriHttp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without {@code chorus.sfu.api-token} the API is open, as Jitsi Videobridge's. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1",
        "chorus.sfu.api-token="})
class OpenColibriApiTest {

  @LocalServerPort
  int port;

  @Test
  void anyCallerReachesTheApi() {
    ColibriHttp anonymous = new ColibriHttp(port);
    String meetingId = UUID.randomUUID().toString();

    anonymous.json("POST", "/colibri/v2/conferences",
        Conference.create(meetingId, "open@chorus", List.of()));

    assertThat(anonymous.json("GET", "/colibri/stats", null).path("conferences").asInt())
        .isEqualTo(1);
    assertThat(anonymous.send("PATCH", "/colibri/v2/conferences/" + meetingId,
        "{\"expire\":true}").status()).isEqualTo(200);
  }
}
