package dev.chorus.worker;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of worker-service ({@code chorus.worker.*}); defaults are commented in {@code application.yml}.
 *
 * @param voiceServiceUrl   where voice-service's internal API answers
 * @param serviceToken      the shared service token voice-service expects
 * @param maxAttempts       attempts per command (first try included) before it is dead-lettered
 * @param initialBackoff    wait before the second attempt; doubles with each further attempt
 * @param maxBackoff        longest wait between two attempts
 * @param consumers         concurrent consumers per command queue
 * @param emptyRoomTimeout  a room without members for this long has its conferences expired
 * @param cleanupInterval   how often empty rooms are looked for
 */
@ConfigurationProperties("chorus.worker")
public record WorkerProperties(
        @DefaultValue("http://localhost:8082") URI voiceServiceUrl,
        @DefaultValue("") String serviceToken,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("100ms") Duration initialBackoff,
        @DefaultValue("2s") Duration maxBackoff,
        @DefaultValue("8") int consumers,
        @DefaultValue("5m") Duration emptyRoomTimeout,
        @DefaultValue("30s") Duration cleanupInterval) {
}
