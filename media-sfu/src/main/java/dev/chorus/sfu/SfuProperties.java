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
 */
@ConfigurationProperties("chorus.sfu")
public record SfuProperties(
    @DefaultValue("10000") int udpPort,
    @DefaultValue("0.0.0.0") String bindAddress,
    @DefaultValue("127.0.0.1") String advertisedAddress,
    @DefaultValue("30s") Duration endpointIdleTimeout,
    @DefaultValue("500ms") Duration housekeepingInterval,
    @DefaultValue("4") int handshakeThreads,
    @DefaultValue("200000") long capacityPacketsPerSecond) {}
