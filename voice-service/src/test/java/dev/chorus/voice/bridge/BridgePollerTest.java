package dev.chorus.voice.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.voice.VoiceProperties;
import dev.chorus.voice.colibri.Colibri2Client;
import dev.chorus.voice.testbridge.ReplayBridge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The poller against a bridge on a real loopback port that checks the caller's API token. */
class BridgePollerTest {

    private final ReplayBridge replay = new ReplayBridge();
    private final List<String> lost = new ArrayList<>();

    @AfterEach
    void stop() {
        replay.stop();
    }

    @Test
    void aBridgeThatRefusesOurTokenIsLost() {
        replay.requireToken("bridge-token");
        BridgeRegistry registry = registry(new VoiceProperties.Bridge("sfu-1", "eu", replay.baseUrl(), null, "stale-token"));
        BridgePoller poller = poller(registry);

        poller.pollAll();
        poller.pollAll();

        assertThat(registry.isUp("sfu-1")).isFalse();
        assertThat(lost).containsExactly("sfu-1");
        assertThat(registry.leastStressed("eu")).isEmpty();
    }

    @Test
    void aBridgeGivenItsTokenStaysUp() {
        replay.requireToken("bridge-token");
        BridgeRegistry registry = registry(new VoiceProperties.Bridge("sfu-1", "eu", replay.baseUrl(), null, "bridge-token"));
        BridgePoller poller = poller(registry);

        poller.pollAll();
        poller.pollAll();

        assertThat(registry.isUp("sfu-1")).isTrue();
        assertThat(lost).isEmpty();
        assertThat(replay.requests()).extracting(ReplayBridge.Request::path).contains("/colibri/stats");
    }

    private static BridgeRegistry registry(VoiceProperties.Bridge bridge) {
        return new BridgeRegistry(properties(List.of(bridge)));
    }

    private BridgePoller poller(BridgeRegistry registry) {
        Colibri2Client client = new Colibri2Client(JsonMapper.builder().build(), properties(List.of()));
        return new BridgePoller(registry, client, List.of(b -> lost.add(b.name())));
    }

    private static VoiceProperties properties(List<VoiceProperties.Bridge> bridges) {
        return new VoiceProperties("t", "eu", bridges, Duration.ofSeconds(2), 2, Duration.ofSeconds(2), "conference.chorus",
                Duration.ofSeconds(10));
    }
}
