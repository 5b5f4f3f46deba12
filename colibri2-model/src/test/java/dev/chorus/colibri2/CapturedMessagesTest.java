package dev.chorus.colibri2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The records read what Jitsi Videobridge and its clients really wrote, and write it back. */
class CapturedMessagesTest {

  private final ObjectMapper mapper = JsonMapper.builder().build();

  @Test
  void readsAConferenceCreationAndWritesItBackWithTheSameFields() throws IOException {
    String captured = capture("03-create-conference.req.body");

    Conference request = mapper.readValue(captured, Conference.class);

    assertThat(request.meetingId()).isEqualTo("7a1e5b2c-0000-4000-8000-00000000a001");
    assertThat(request.creates()).isTrue();
    Endpoint endpoint = request.endpoints().get(0);
    assertThat(endpoint.id()).isEqualTo("ep1aaaaa");
    assertThat(endpoint.statsId()).isEqualTo("Alice-1");
    assertThat(endpoint.capabilities()).containsExactly(Endpoint.CAPABILITY_SOURCE_NAMES);
    assertThat(endpoint.medias().get(0).payloadTypes().get(0).parameters())
        .containsEntry("useinbandfec", "1");
    assertThat(endpoint.medias().get(0).rtpHdrExts())
        .containsExactly(new RtpHdrExt(RtpHdrExt.AUDIO_LEVEL_URI, 1));
    assertThat(endpoint.transport().iceControlling()).isTrue();
    assertThat(mapper.readTree(mapper.writeValueAsString(request)))
        .isEqualTo(mapper.readTree(captured));
  }

  @Test
  void readsTheBridgeAnswerToAnAllocation() throws IOException {
    Conference answer = mapper.readValue(capture("03-create-conference.resp.body"),
        Conference.class);

    IceUdpTransport ice = answer.endpoints().get(0).transport().transport();
    assertThat(ice.xmlns()).isEqualTo(IceUdpTransport.XMLNS);
    assertThat(ice.ufrag()).isEqualTo("4gvjt1k82v4d7k");
    assertThat(ice.rtcpMux()).isTrue();
    assertThat(ice.fingerprints().get(0).setup()).isEqualTo("actpass");
    assertThat(ice.candidates().get(0).portNumber()).isEqualTo(10000);
    assertThat(answer.sources().get(0)).isEqualTo(MediaSource.audio("jvb-a0", 298701817L));
  }

  @Test
  void readsTransportSourcesAndUnsignedSsrcsOfAnUpdate() throws IOException {
    Conference update = mapper.readValue(capture("05-set-transport-sources.req.body"),
        Conference.class);

    Endpoint endpoint = update.endpoints().get(0);
    assertThat(endpoint.transport().transport().fingerprints().get(0).setup())
        .isEqualTo("active");
    assertThat(endpoint.sources().get(0).sources().get(0).ssrc()).isEqualTo(1111111111L);
    Conference second = mapper.readValue(capture("06-set-sources-ep2.req.body"),
        Conference.class);
    assertThat(second.endpoints().get(0).sources().get(0).sources().get(0).ssrc())
        .isEqualTo(2222222222L);
  }

  @Test
  void writesExpiryAndAnswersInTheCapturedShape() throws IOException {
    assertSameJson(Conference.expireConference(), "13-expire-conference.req.body");
    assertSameJson(Conference.answer(java.util.List.of(Endpoint.expire("ep2bbbbb")), null),
        "10-expire-endpoint-ep2.resp.body");
    assertSameJson(Conference.answer(java.util.List.of(Endpoint.acknowledged("ep1aaaaa")), null),
        "05-set-transport-sources.resp.body");
  }

  @Test
  void writesDominantSpeakerWithTheStringNullAndAJsonNull() throws IOException {
    assertSameJson(DominantSpeakerIdentification.of(null, java.util.List.of("ep1aaaaa", "ep2bbbbb")),
        "07-dominant-speaker.resp.body");
  }

  @Test
  void readsTheStatsKeysAClientNeeds() throws IOException {
    BridgeStats stats = mapper.readValue(capture("12-stats-after-ep2-expire.resp.body"),
        BridgeStats.class);

    assertThat(stats.conferences()).isEqualTo(1);
    assertThat(stats.endpoints()).isEqualTo(2);
    assertThat(stats.localEndpoints()).isEqualTo(1);
    assertThat(stats.healthy()).isTrue();
    assertThat(stats.stressLevel()).isGreaterThan(1.0);
  }

  private void assertSameJson(Object value, String captureName) throws IOException {
    JsonNode written = mapper.readTree(mapper.writeValueAsString(value));
    assertThat(written).isEqualTo(mapper.readTree(capture(captureName)));
  }

  private static String capture(String name) throws IOException {
    try (InputStream in = CapturedMessagesTest.class.getResourceAsStream("/jvb-captures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
