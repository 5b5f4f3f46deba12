package dev.chorus.launcher.services;

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
            new ServiceDefinition(MEDIA_SFU, "dev.chorus.sfu.MediaSfuApplication", w -> Map.of()),
            new ServiceDefinition(VOICE, "dev.chorus.voice.VoiceServiceApplication", w -> Map.of()),
            new ServiceDefinition(WORKER, "dev.chorus.worker.WorkerServiceApplication", w -> Map.of()),
            new ServiceDefinition(ROOM, "dev.chorus.room.RoomServiceApplication", w -> Map.of()),
            new ServiceDefinition(SIGNALING, "dev.chorus.signaling.SignalingServiceApplication", w -> Map.of(
                    "chorus.signaling.room-service-url", w.roomServiceUrl().toString())));

    private ServiceCatalog() {
    }
}
