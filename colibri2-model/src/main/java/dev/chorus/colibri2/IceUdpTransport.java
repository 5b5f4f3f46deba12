package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** ICE-UDP transport: credentials, DTLS fingerprints and candidates of one side. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IceUdpTransport(
    String xmlns,
    String pwd,
    String ufrag,
    List<Fingerprint> fingerprints,
    List<Candidate> candidates,
    @JsonProperty("web-sockets") List<String> webSockets,
    @JsonProperty("rtcp-mux") Boolean rtcpMux) {

  public static final String XMLNS = "urn:xmpp:jingle:transports:ice-udp:1";

  public static IceUdpTransport of(String ufrag, String pwd, List<Fingerprint> fingerprints,
      List<Candidate> candidates) {
    return new IceUdpTransport(XMLNS, pwd, ufrag, fingerprints, candidates, null, true);
  }
}
