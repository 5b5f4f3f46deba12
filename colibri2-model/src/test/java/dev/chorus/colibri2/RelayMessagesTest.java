package dev.chorus.colibri2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Relay messages have Jitsi Videobridge's field names and nesting, both ways. */
class RelayMessagesTest {

  private final ObjectMapper mapper = JsonMapper.builder().build();

  @Test
  void aRelayAllocationNamesMeshRoleMediaAndTheOtherBridgesEndpoints() {
    Conference request = Conference.relay(Relay.create("us-1", "room-7", true,
        List.of(Media.opusWithAudioLevel()),
        List.of(Endpoint.relayed("u42", "u42", List.of(MediaSource.audio("u42-a0", 4000000000L))))));

    assertThat(mapper.readTree(mapper.writeValueAsString(request))).isEqualTo(mapper.readTree("""
        {"relays":[{"id":"us-1","create":true,"mesh-id":"room-7",
          "medias":[{"type":"audio",
            "payload-types":[{"id":"111","name":"opus","clockrate":"48000","channels":"2",
              "parameters":{"minptime":"10","useinbandfec":"1"}}],
            "rtp-hdrexts":[{"uri":"urn:ietf:params:rtp-hdrext:ssrc-audio-level","id":1}]}],
          "transport":{"ice-controlling":true},
          "endpoints":[{"id":"u42","create":true,"stats-id":"u42",
            "sources":[{"type":"audio","id":"u42-a0",
              "sources":[{"ssrc":4000000000,"name":"u42-a0"}]}]}]}]}
        """));
  }

  @Test
  void theControlledSideLeavesIceControllingOutAsJvbDoesForItsDefault() {
    Relay relay = Relay.create("eu-1", "room-7", false, List.of(), List.of());

    assertThat(mapper.readTree(mapper.writeValueAsString(relay)).path("transport").isEmpty())
        .isTrue();
    assertThat(mapper.readValue("{\"id\":\"eu-1\",\"create\":true,\"transport\":{}}", Relay.class)
        .iceControlling()).isFalse();
    assertThat(relay.iceControlling()).isFalse();
  }

  @Test
  void readsTheRelayTransportOfAnAnswerAndWritesTheRemoteTransportBack() {
    Conference answer = mapper.readValue("""
        {"relays":[{"id":"us-1","transport":{"transport":{
          "xmlns":"urn:xmpp:jingle:transports:ice-udp:1","ufrag":"abc","pwd":"secret",
          "fingerprints":[{"fingerprint":"AB:CD","setup":"actpass","hash":"sha-256"}],
          "candidates":[{"component":"1","foundation":"1","generation":"0","id":"c1",
            "network":"0","priority":"2130706431","protocol":"udp","type":"host",
            "ip":"10.0.0.2","port":"10000"}],"rtcp-mux":true}}}]}
        """, Conference.class);

    Relay relay = answer.relaysOrEmpty().get(0);
    IceUdpTransport ice = relay.transport().transport();
    assertThat(relay.id()).isEqualTo("us-1");
    assertThat(ice.ufrag()).isEqualTo("abc");
    assertThat(ice.fingerprints().get(0).setup()).isEqualTo("actpass");
    assertThat(ice.candidates().get(0).portNumber()).isEqualTo(10000);

    IceUdpTransport remote = IceUdpTransport.of(ice.ufrag(), ice.pwd(),
        List.of(new Fingerprint("AB:CD", "active", Fingerprint.SHA_256)), ice.candidates());
    assertThat(mapper.readTree(mapper.writeValueAsString(
        Conference.relay(Relay.transport("eu-1", remote)))).path("relays").get(0).path("transport")
        .path("transport").path("fingerprints").get(0).path("setup").asString())
        .isEqualTo("active");
  }

  @Test
  void endpointChangesAndExpiryAreRelaysWithOnlyAnIdAndWhatChanges() {
    assertThat(mapper.readTree(mapper.writeValueAsString(Conference.relay(Relay.endpoints("us-1",
        List.of(Endpoint.update("u42", null, List.of(MediaSource.audio("u42-a0", 7))),
            Endpoint.expire("u43")))))))
        .isEqualTo(mapper.readTree("""
            {"relays":[{"id":"us-1","endpoints":[
              {"id":"u42","sources":[{"type":"audio","id":"u42-a0",
                "sources":[{"ssrc":7,"name":"u42-a0"}]}]},
              {"id":"u43","expire":true}]}]}
            """));
    assertThat(mapper.readTree(mapper.writeValueAsString(Conference.relay(Relay.expire("us-1")))))
        .isEqualTo(mapper.readTree("{\"relays\":[{\"id\":\"us-1\",\"expire\":true}]}"));
    assertThat(mapper.readValue("{\"relays\":[{\"id\":\"us-1\",\"expire\":true}]}",
        Conference.class).relaysOrEmpty().get(0).expires()).isTrue();
  }
}
