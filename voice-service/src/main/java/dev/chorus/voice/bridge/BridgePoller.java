package dev.chorus.voice.bridge;

import dev.chorus.voice.VoiceProperties;
import dev.chorus.voice.colibri.BridgeStats;
import dev.chorus.voice.colibri.Colibri2Client;
import dev.chorus.voice.colibri.Colibri2Exception;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Reads every bridge's health and stats on a fixed interval and reports bridges that went down. */
@Component
class BridgePoller {

    private static final Logger log = LoggerFactory.getLogger(BridgePoller.class);

    private final BridgeRegistry registry;
    private final Colibri2Client colibri;
    private final List<BridgeLostListener> listeners;

    BridgePoller(BridgeRegistry registry, Colibri2Client colibri, List<BridgeLostListener> listeners) {
        this.registry = registry;
        this.colibri = colibri;
        this.listeners = listeners;
    }

    @Scheduled(fixedDelayString = "${chorus.voice.poll-interval:2s}")
    void pollAll() {
        registry.bridgesByName().values().forEach(this::poll);
    }

    void poll(VoiceProperties.Bridge bridge) {
        boolean wasUp = registry.isUp(bridge.name());
        try {
            colibri.checkHealth(bridge);
            BridgeStats stats = colibri.stats(bridge);
            BridgeState state = registry.polled(bridge.name(), stats.draining() || !stats.healthy(), stats.stressLevel());
            if (!wasUp) {
                log.info("Bridge {} ({}) answers again, stress {}", bridge.name(), bridge.region(), state.stress());
            }
        } catch (Colibri2Exception e) {
            BridgeState state = registry.failed(bridge.name());
            if (e.unauthorized()) {
                // A configuration error that waiting will not fix: the bridge is unusable until the tokens match.
                log.error("Bridge {} ({}) refuses voice-service ({} failed polls in a row): {}", bridge.name(),
                        bridge.region(), state.failures(), e.getMessage());
            } else {
                log.warn("Bridge {} ({}) poll failed ({} in a row): {}", bridge.name(), bridge.region(), state.failures(),
                        e.getMessage());
            }
            if (wasUp && !state.up()) {
                log.warn("Bridge {} ({}) is lost; moving its members", bridge.name(), bridge.region());
                listeners.forEach(l -> l.bridgeLost(bridge));
            }
        }
    }
}
