package dev.chorus.voice.bridge;

import dev.chorus.voice.VoiceProperties;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The configured bridges by region, with the health and stress the poller last saw. A bridge counts as
 * up until it has been polled and failed, so a freshly started service can place rooms at once.
 */
@Component
public class BridgeRegistry {

    private final VoiceProperties properties;
    private final Map<String, BridgeState> states = new ConcurrentHashMap<>();

    BridgeRegistry(VoiceProperties properties) {
        this.properties = properties;
        for (VoiceProperties.Bridge bridge : properties.bridges()) {
            states.put(bridge.name(), new BridgeState(bridge, true, false, 0, 0));
        }
    }

    public List<BridgeState> all() {
        return states.values().stream().sorted(Comparator.comparing(s -> s.bridge().name())).toList();
    }

    public Optional<BridgeState> find(String name) {
        return Optional.ofNullable(states.get(name));
    }

    public boolean isUp(String name) {
        BridgeState state = states.get(name);
        return state != null && state.up();
    }

    /** The region a member is served in: the one asked for if it has bridges, otherwise the default. */
    public String regionFor(String requested) {
        if (requested != null && states.values().stream().anyMatch(s -> s.bridge().region().equals(requested))) {
            return requested;
        }
        return properties.defaultRegion();
    }

    /** The least-stressed bridge of the region that accepts new rooms. */
    public Optional<VoiceProperties.Bridge> leastStressed(String region) {
        return states.values().stream()
                .filter(s -> s.bridge().region().equals(region) && s.acceptsRooms())
                .min(Comparator.comparingDouble(BridgeState::stress).thenComparing(s -> s.bridge().name()))
                .map(BridgeState::bridge);
    }

    /** Records a successful poll; answers the new state. */
    BridgeState polled(String name, boolean draining, double stress) {
        return states.computeIfPresent(name, (n, s) -> new BridgeState(s.bridge(), true, draining, stress, 0));
    }

    /** Records a failed poll; the bridge goes down after the configured number of failures in a row. */
    BridgeState failed(String name) {
        return states.computeIfPresent(name, (n, s) -> {
            int failures = s.failures() + 1;
            return new BridgeState(s.bridge(), failures < properties.failuresBeforeDown(), s.draining(), s.stress(), failures);
        });
    }

    Map<String, VoiceProperties.Bridge> bridgesByName() {
        return states.values().stream().map(BridgeState::bridge)
                .collect(Collectors.toMap(VoiceProperties.Bridge::name, Function.identity()));
    }
}
