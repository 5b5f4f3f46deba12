package dev.chorus.signaling.support;

import dev.chorus.signaling.SignalingServiceApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Starts another signaling node beside the one a test's Spring context runs: same servers, same
 * RabbitMQ namespace and Redis prefix (so the two nodes see each other), its own random port.
 */
public final class SecondNode {

    private static final String[] SHARED = {
        "chorus.messaging.namespace", "chorus.redis.key-prefix", "spring.data.redis.host", "spring.data.redis.port",
        "spring.rabbitmq.host", "spring.rabbitmq.port", "spring.rabbitmq.username", "spring.rabbitmq.password",
        "chorus.signaling.room-service-url", "chorus.signaling.jwks-uri", "chorus.signaling.grace-period",
        "chorus.signaling.heartbeat", "chorus.signaling.presence-ttl", "chorus.signaling.drain-timeout",
    };

    private SecondNode() {
    }

    public static ConfigurableApplicationContext startBeside(Environment first, String nodeId) {
        // Command-line arguments, because they take precedence over application.yml (default properties do not).
        List<String> arguments = new ArrayList<>();
        for (String name : SHARED) {
            String value = first.getProperty(name);
            if (value != null) {
                arguments.add("--" + name + "=" + value);
            }
        }
        arguments.add("--server.port=0");
        arguments.add("--chorus.signaling.node-id=" + nodeId);
        return new SpringApplicationBuilder(SignalingServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
