package dev.chorus.voice.failover;

import dev.chorus.voice.testbridge.ReplayBridge;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The fleet a failover test loses a bridge of: two bridges in eu, one in us, polled often. Each test
 * class has its own, since losing a bridge cannot be undone, registered as an extension that stops
 * the bridges after the class.
 */
final class FailoverFleet implements AfterAllCallback {

    final ReplayBridge euA = new ReplayBridge();
    final ReplayBridge euB = new ReplayBridge();
    final ReplayBridge us = new ReplayBridge();

    void register(DynamicPropertyRegistry registry, String token) {
        registry.add("chorus.voice.service-token", () -> token);
        registry.add("chorus.voice.default-region", () -> "eu");
        registry.add("chorus.voice.poll-interval", () -> "100ms");
        registry.add("chorus.voice.failures-before-down", () -> "3");
        // A stopped bridge refuses connections at once; a long timeout keeps a slow poll from counting as lost.
        registry.add("chorus.voice.request-timeout", () -> "10s");
        int i = 0;
        for (Object[] bridge : new Object[][] {{"eu-a", "eu", euA}, {"eu-b", "eu", euB}, {"us-1", "us", us}}) {
            int n = i++;
            registry.add("chorus.voice.bridges[" + n + "].name", () -> bridge[0]);
            registry.add("chorus.voice.bridges[" + n + "].region", () -> bridge[1]);
            registry.add("chorus.voice.bridges[" + n + "].base-url", () -> ((ReplayBridge) bridge[2]).baseUrl().toString());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        euA.stop();
        euB.stop();
        us.stop();
    }
}
