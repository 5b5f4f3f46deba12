package dev.chorus.sfu;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * media-sfu settings ({@code chorus.sfu.*}).
 *
 * @param udpPort the one UDP port every endpoint's media uses (0 picks a free port, for tests)
 * @param bindAddress where the UDP socket listens
 * @param advertisedAddress the host candidate address given to clients (the public address
 *     behind NAT)
 * @param endpointIdleTimeout an endpoint that sends nothing for this long expires; an empty
 *     conference expires after the same time
 * @param housekeepingInterval how often rates, dominant speakers, receiver reports and expiry
 *     are computed
 * @param handshakeThreads DTLS handshakes in parallel (each blocks a thread for two round trips)
 * @param capacityPacketsPerSecond packets in plus out per second that count as stress level 1
 * @param relayConsentInterval how often the ICE-controlling side of a connected relay checks that
 *     the other bridge still answers (before it answers: every housekeeping round); a relay that
 *     hears nothing for {@code endpointIdleTimeout} expires
 * @param apiToken when set, every {@code /colibri/**} request must carry {@code Authorization:
 *     Bearer <apiToken>}; blank leaves the API open, as Jitsi Videobridge's, for a private network
 * @param fanoutThreads threads that encrypt and send the copies of forwarded packets, each with
 *     its own socket on the media port and its own share of the receivers; 0 means one per
 *     available processor
 * @param maxForwardingDelay a packet that waited longer than this for its copies (an overloaded
 *     bridge) is dropped instead of sent late: a listener's jitter buffer would discard it anyway,
 *     and skipping it lets the fan-out catch up; 0 sends everything however late
 * @param relayPorts the UDP ports relays to other bridges may use, as {@code first-last}; each
 *     relay has a port of its own (as Jitsi Videobridge's {@code use-unique-port}), so that any
 *     number of relays can join the same two bridges; blank means any free port
 */
@ConfigurationProperties("chorus.sfu")
public record SfuProperties(
    @DefaultValue("10000") int udpPort,
    @DefaultValue("0.0.0.0") String bindAddress,
    @DefaultValue("127.0.0.1") String advertisedAddress,
    @DefaultValue("30s") Duration endpointIdleTimeout,
    @DefaultValue("500ms") Duration housekeepingInterval,
    @DefaultValue("4") int handshakeThreads,
    @DefaultValue("200000") long capacityPacketsPerSecond,
    @DefaultValue("2s") Duration relayConsentInterval,
    @DefaultValue("") String apiToken,
    @DefaultValue("0") int fanoutThreads,
    @DefaultValue("250ms") Duration maxForwardingDelay,
    @DefaultValue("") String relayPorts) {

  public SfuProperties {
    apiToken = apiToken == null ? "" : apiToken.strip();
    if (fanoutThreads < 0) {
      throw new IllegalArgumentException(
          "chorus.sfu.fanout-threads must be 0 (one per processor) or more");
    }
    maxForwardingDelay = maxForwardingDelay == null ? Duration.ofMillis(250) : maxForwardingDelay;
    if (maxForwardingDelay.isNegative()) {
      throw new IllegalArgumentException("chorus.sfu.max-forwarding-delay must not be negative");
    }
    relayPorts = relayPorts == null ? "" : relayPorts.strip();
    relayPortRange(relayPorts);
  }

  /** The first and last relay port, both 0 for any free port. */
  public PortRange relayPortRange() {
    return relayPortRange(relayPorts);
  }

  private static PortRange relayPortRange(String ports) {
    if (ports.isEmpty()) {
      return new PortRange(0, 0);
    }
    String[] bounds = ports.split("-", -1);
    try {
      PortRange range = bounds.length == 2
          ? new PortRange(Integer.parseInt(bounds[0].strip()), Integer.parseInt(bounds[1].strip()))
          : null;
      if (range != null && range.first() >= 1 && range.first() <= range.last()
          && range.last() <= 65535) {
        return range;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("chorus.sfu.relay-ports must be blank (any free port) or"
        + " first-last between 1 and 65535, such as 20000-20999; it is '" + ports + "'");
  }

  /** UDP ports from {@code first} to {@code last}, both included; {@code 0-0}: any free port. */
  public record PortRange(int first, int last) {

    public boolean isAny() {
      return first == 0;
    }

    public int size() {
      return last - first + 1;
    }
  }

  /** The fan-out thread count in effect: the configured one, or one per available processor. */
  public int fanoutThreadCount() {
    return fanoutThreads > 0 ? fanoutThreads : Runtime.getRuntime().availableProcessors();
  }
}
