package dev.chorus.signaling;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** The defaults of {@code application.yml}, for tests that build components without Spring. */
public final class TestProperties {

    private TestProperties() {
    }

    public static SignalingProperties defaults() {
        return new SignalingProperties("node-test", URI.create("http://localhost:8080"), null, Duration.ofSeconds(20),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), DataSize.ofKilobytes(16),
                DataSize.ofKilobytes(512), Duration.ofSeconds(5), 2, Duration.ofSeconds(5), List.of("*"));
    }
}
