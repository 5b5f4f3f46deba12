package dev.chorus.launcher.services;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every Chorus service, in the order they start: each may need the ones before it (voice-service
 * drives the bridge, worker-service calls voice-service, signaling verifies tokens against
 * room-service's keys).
 */
public final class ServiceCatalog {

    public static final String MEDIA_SFU = "media-sfu";
    public static final String VOICE = "voice-service";
    public static final String WORKER = "worker-service";
    public static final String ROOM = "room-service";
    public static final String SIGNALING = "signaling-service";

    public static final List<ServiceDefinition> ALL = List.of(
            new ServiceDefinition(MEDIA_SFU, "dev.chorus.sfu.MediaSfuApplication", false, ServiceCatalog::bridge),
            new ServiceDefinition(VOICE, "dev.chorus.voice.VoiceServiceApplication", false, ServiceCatalog::voice),
            new ServiceDefinition(WORKER, "dev.chorus.worker.WorkerServiceApplication", false, w -> Map.of(
                    "chorus.worker.voice-service-url", w.urlOf(VOICE).toString(),
                    "chorus.worker.service-token", w.serviceToken())),
            new ServiceDefinition(ROOM, "dev.chorus.room.RoomServiceApplication", true, w -> Map.of()),
            new ServiceDefinition(SIGNALING, "dev.chorus.signaling.SignalingServiceApplication", false, w -> Map.of(
                    "chorus.signaling.room-service-url", w.roomServiceUrl().toString())));

    /** The in-process bridge: media on the launcher's UDP port and address, Colibri2 for voice-service only. */
    private static Map<String, String> bridge(Wiring w) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("chorus.sfu.api-token", w.bridgeApiToken());
        settings.put("chorus.sfu.udp-port", Integer.toString(w.bridgeUdpPort()));
        settings.put("chorus.sfu.bind-address", w.bindAddress());
        if (!w.bridgeAddress().isBlank()) {
            settings.put("chorus.sfu.advertised-address", w.bridgeAddress());
        }
        return settings;
    }

    /** One region, "local"; its bridge is the in-process media-sfu when it runs. */
    private static Map<String, String> voice(Wiring w) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("chorus.voice.service-token", w.serviceToken());
        settings.put("chorus.voice.default-region", "local");
        URI bridge = w.started().get(MEDIA_SFU);
        if (bridge != null) {
            settings.put("chorus.voice.bridges[0].name", "local-1");
            settings.put("chorus.voice.bridges[0].region", "local");
            settings.put("chorus.voice.bridges[0].base-url", bridge.toString());
            settings.put("chorus.voice.bridges[0].public-name", "in-process media-sfu");
            settings.put("chorus.voice.bridges[0].api-token", w.bridgeApiToken());
        } else {
            // No bridge here: joins get voice-failed at once instead of polls of a missing bridge.
            settings.put("chorus.voice.bridges", "");
        }
        return settings;
    }

    private ServiceCatalog() {
    }
}
