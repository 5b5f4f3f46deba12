package dev.chorus.system;

import dev.chorus.hosting.CoHosting;
import dev.chorus.room.RoomServiceApplication;
import dev.chorus.sfu.MediaSfuApplication;
import dev.chorus.signaling.SignalingServiceApplication;
import dev.chorus.testsupport.ChorusServersInitializer;
import dev.chorus.voice.VoiceServiceApplication;
import dev.chorus.worker.WorkerServiceApplication;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Chorus installation in this JVM: every service its own Spring context on its own loopback
 * port, started as the launcher starts them (service-hosting), on the test servers under one fresh
 * namespace (RabbitMQ names, Redis keys, Mongo database). The bridges are real media-sfu instances,
 * each with its own HTTP port and UDP port, in the regions given.
 */
final class Installation implements AutoCloseable {

    /** A bridge of the fleet: its name (also the name voice sessions show) and its region. */
    record Bridge(String name, String region) {
    }

    /** The internal APIs' shared token (voice-service's fleet listing among them). */
    static final String SERVICE_TOKEN = "system-test-service-token";
    /** The bridges' Colibri2 API token: voice-service sends it, as the launcher wires it. */
    static final String BRIDGE_API_TOKEN = "system-test-bridge-token";

    private final String namespace = ChorusServersInitializer.newNamespace();
    private final Map<String, String> servers = new LinkedHashMap<>();
    private final Map<String, ConfigurableApplicationContext> bridges = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();
    private final ConfigurableApplicationContext voice;
    private final ConfigurableApplicationContext worker;
    private final ConfigurableApplicationContext room;
    private final ConfigurableApplicationContext signaling;

    /** Starts the bridges, then voice-service, worker-service, room-service and signaling-service. */
    Installation(String defaultRegion, List<Bridge> fleet) {
        ChorusServersInitializer.properties(namespace).forEach((key, value) -> servers.put(key, value.toString()));
        try {
            Map<String, String> voiceSettings = new LinkedHashMap<>(Map.of(
                    "chorus.voice.service-token", SERVICE_TOKEN,
                    "chorus.voice.default-region", defaultRegion,
                    // A lost bridge is noticed after two failed polls: about a second here.
                    "chorus.voice.poll-interval", "500ms",
                    "chorus.voice.request-timeout", "10s"));
            for (int i = 0; i < fleet.size(); i++) {
                Bridge bridge = fleet.get(i);
                ConfigurableApplicationContext context = start("media-sfu-" + bridge.name(), MediaSfuApplication.class, false, Map.of(
                        "chorus.sfu.api-token", BRIDGE_API_TOKEN,
                        "chorus.sfu.udp-port", "0",
                        "chorus.sfu.bind-address", "127.0.0.1",
                        "chorus.sfu.advertised-address", "127.0.0.1",
                        // Endpoints go away when their member leaves, not because a test paused.
                        "chorus.sfu.endpoint-idle-timeout", "10m"));
                bridges.put(bridge.name(), context);
                String prefix = "chorus.voice.bridges[" + i + "].";
                voiceSettings.put(prefix + "name", bridge.name());
                voiceSettings.put(prefix + "region", bridge.region());
                voiceSettings.put(prefix + "base-url", url(context).toString());
                voiceSettings.put(prefix + "public-name", bridge.name());
                voiceSettings.put(prefix + "api-token", BRIDGE_API_TOKEN);
            }
            voice = start("voice-service", VoiceServiceApplication.class, false, voiceSettings);
            worker = start("worker-service", WorkerServiceApplication.class, false, Map.of(
                    "chorus.worker.voice-service-url", url(voice).toString(),
                    "chorus.worker.service-token", SERVICE_TOKEN,
                    "chorus.worker.initial-backoff", "50ms"));
            room = start("room-service", RoomServiceApplication.class, true, Map.of());
            signaling = start("signaling-service", SignalingServiceApplication.class, false, Map.of(
                    "chorus.signaling.room-service-url", url(room).toString()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String namespace() {
        return namespace;
    }

    int roomServicePort() {
        return port(room);
    }

    int signalingPort() {
        return port(signaling);
    }

    URI voiceUrl() {
        return url(voice);
    }

    URI workerUrl() {
        return url(worker);
    }

    /** worker-service's context: its RabbitMQ template publishes commands as room-service does. */
    ConfigurableApplicationContext worker() {
        return worker;
    }

    URI bridgeUrl(String name) {
        return url(bridge(name));
    }

    /** The bridges not killed. */
    List<String> runningBridges() {
        return bridges.entrySet().stream().filter(e -> e.getValue().isActive()).map(Map.Entry::getKey).toList();
    }

    /** Stops a bridge as a crash would end it for its clients: its HTTP and UDP ports close. */
    void killBridge(String name) {
        bridge(name).close();
    }

    private ConfigurableApplicationContext bridge(String name) {
        ConfigurableApplicationContext context = bridges.get(name);
        if (context == null) {
            throw new IllegalArgumentException("no bridge " + name + " in " + bridges.keySet());
        }
        return context;
    }

    private ConfigurableApplicationContext start(String name, Class<?> mainClass, boolean usesSpringSecurity,
            Map<String, String> wiring) {
        Map<String, String> settings = new LinkedHashMap<>(servers);
        settings.put("spring.application.name", name);
        settings.put("server.port", "0");
        settings.put("server.address", "127.0.0.1");
        // The in-process Mongo-protocol server does not answer the health check's hello command.
        settings.put("management.health.mongodb.enabled", "false");
        settings.putAll(wiring);
        ConfigurableApplicationContext context = CoHosting.start(mainClass, usesSpringSecurity, settings);
        started.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static URI url(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + port(context));
    }

    @Override
    public void close() {
        List<ConfigurableApplicationContext> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (ConfigurableApplicationContext context : reversed) {
            if (context.isActive()) {
                context.close();
            }
        }
    }
}
