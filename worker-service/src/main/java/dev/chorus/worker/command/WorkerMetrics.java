package dev.chorus.worker.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The worker's meters: {@code chorus.worker.commands} (by type and outcome), {@code chorus.worker.retries},
 * {@code chorus.worker.dead.letters} (by type) and the {@code chorus.worker.join.to.voice.ready}
 * latency histogram (from the command's issue time to publishing voice-ready).
 */
@Component
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final Timer joinToVoiceReady;

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.joinToVoiceReady = Timer.builder("chorus.worker.join.to.voice.ready")
                .description("From a voice-setup command's issue time to its voice-ready being published")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** outcome: handled, duplicate, stale, failed (told the member), dead-lettered. */
    void command(String type, String outcome) {
        Counter.builder("chorus.worker.commands").tag("type", type).tag("outcome", outcome).register(registry).increment();
    }

    void retry(String type) {
        Counter.builder("chorus.worker.retries").tag("type", type).register(registry).increment();
    }

    void deadLetter(String type) {
        Counter.builder("chorus.worker.dead.letters").tag("type", type).register(registry).increment();
    }

    void joinToVoiceReady(Duration latency) {
        joinToVoiceReady.record(latency.isNegative() ? Duration.ZERO : latency);
    }
}
