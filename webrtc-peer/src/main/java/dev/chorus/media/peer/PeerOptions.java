package dev.chorus.media.peer;

import dev.chorus.media.transport.dtls.DtlsSession;
import dev.chorus.media.transport.srtp.SrtpProfile;
import java.time.Duration;
import java.util.List;

/**
 * How a synthetic peer sends audio.
 *
 * @param payloadType RTP payload type of Opus (111 in Chromium's offers)
 * @param audioLevelExtensionId extmap id of the RFC 6464 audio level extension (1 in Chromium)
 * @param minPayloadBytes smallest Opus-sized payload; sizes vary per packet up to max
 * @param maxPayloadBytes largest payload
 * @param packetInterval time between packets (20 ms: 50 packets a second)
 * @param connectTimeout how long ICE plus DTLS may take before {@code connect} fails
 * @param srtpProfiles SRTP profiles offered (client) or preferred (server role), in order
 */
public record PeerOptions(int payloadType, int audioLevelExtensionId, int minPayloadBytes, int maxPayloadBytes,
        Duration packetInterval, Duration connectTimeout, List<SrtpProfile> srtpProfiles) {

    /** Like Chromium: Opus on 111, audio level on id 1, 20 ms packets, GCM and SHA1_80 offered. */
    public static final PeerOptions DEFAULTS = new PeerOptions(111, 1, 60, 100, Duration.ofMillis(20),
            Duration.ofSeconds(10), DtlsSession.DEFAULT_PROFILES);

    public PeerOptions {
        if (minPayloadBytes < 1 || maxPayloadBytes < minPayloadBytes || maxPayloadBytes > 1000) {
            throw new IllegalArgumentException("payload sizes must satisfy 1 <= min <= max <= 1000");
        }
        if (srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile");
        }
        srtpProfiles = List.copyOf(srtpProfiles);
    }

    public PeerOptions withAudioLevelExtensionId(int id) {
        return new PeerOptions(payloadType, id, minPayloadBytes, maxPayloadBytes, packetInterval, connectTimeout,
                srtpProfiles);
    }

    public PeerOptions withPayloadType(int pt) {
        return new PeerOptions(pt, audioLevelExtensionId, minPayloadBytes, maxPayloadBytes, packetInterval,
                connectTimeout, srtpProfiles);
    }

    public PeerOptions withConnectTimeout(Duration timeout) {
        return new PeerOptions(payloadType, audioLevelExtensionId, minPayloadBytes, maxPayloadBytes, packetInterval,
                timeout, srtpProfiles);
    }

    /** E.g. only {@code AES128_CM_HMAC_SHA1_80}, to see a bridge fall back from GCM. */
    public PeerOptions withSrtpProfiles(List<SrtpProfile> profiles) {
        return new PeerOptions(payloadType, audioLevelExtensionId, minPayloadBytes, maxPayloadBytes, packetInterval,
                connectTimeout, profiles);
    }
}
