package dev.chorus.media.peer;

import java.time.Duration;

/**
 * How a synthetic peer sends audio.
 *
 * @param payloadType RTP payload type of Opus (111 in Chromium's offers)
 * @param audioLevelExtensionId extmap id of the RFC 6464 audio level extension (1 in Chromium)
 * @param minPayloadBytes smallest Opus-sized payload; sizes vary per packet up to max
 * @param maxPayloadBytes largest payload
 * @param packetInterval time between packets (20 ms: 50 packets a second)
 * @param connectTimeout how long ICE plus DTLS may take before {@code connect} fails
 */
public record PeerOptions(int payloadType, int audioLevelExtensionId, int minPayloadBytes, int maxPayloadBytes,
        Duration packetInterval, Duration connectTimeout) {

    public static final PeerOptions DEFAULTS = new PeerOptions(111, 1, 60, 100, Duration.ofMillis(20),
            Duration.ofSeconds(10));

    public PeerOptions {
        if (minPayloadBytes < 1 || maxPayloadBytes < minPayloadBytes || maxPayloadBytes > 1000) {
            throw new IllegalArgumentException("payload sizes must satisfy 1 <= min <= max <= 1000");
        }
    }

    public PeerOptions withAudioLevelExtensionId(int id) {
        return new PeerOptions(payloadType, id, minPayloadBytes, maxPayloadBytes, packetInterval, connectTimeout);
    }

    public PeerOptions withPayloadType(int pt) {
        return new PeerOptions(pt, audioLevelExtensionId, minPayloadBytes, maxPayloadBytes, packetInterval,
                connectTimeout);
    }

    public PeerOptions withConnectTimeout(Duration timeout) {
        return new PeerOptions(payloadType, audioLevelExtensionId, minPayloadBytes, maxPayloadBytes, packetInterval,
                timeout);
    }
}
