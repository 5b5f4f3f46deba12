package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An ICE candidate; Colibri2 writes every value, port and priority included, as a string. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Candidate(
    String component,
    String foundation,
    String generation,
    String id,
    String network,
    String priority,
    String protocol,
    String type,
    String ip,
    String port,
    @JsonProperty("rel-addr") String relAddr,
    @JsonProperty("rel-port") String relPort) {

  /** A UDP host candidate for component 1 (RTP and RTCP are muxed). */
  public static Candidate udpHost(String id, String ip, int port, long priority) {
    return new Candidate("1", "1", "0", id, "0", Long.toString(priority), "udp", "host", ip,
        Integer.toString(port), null, null);
  }

  public int portNumber() {
    return Integer.parseInt(port);
  }
}
