package dev.chorus.testsupport;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot test context at {@link ChorusTestServers} and gives it a namespace of its own:
 * its own RabbitMQ exchange and queue prefix ({@code chorus.messaging.namespace}), Redis key prefix
 * ({@code chorus.redis.key-prefix}) and Mongo database, so that test classes, and test runs of several
 * modules at once, share the servers without seeing each other's data.
 *
 * <p>Use with {@code @ContextConfiguration(initializers = ChorusServersInitializer.class)} next to
 * {@code @SpringBootTest}. The namespace is also published as {@code chorus.test.namespace}.
 */
public class ChorusServersInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("chorus-test-servers", properties(newNamespace())));
    }

    /** A fresh namespace: a RabbitMQ name prefix, Redis key prefix and Mongo database name of its own. */
    public static String newNamespace() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * The test servers' addresses and {@code namespace}'s names, as Spring properties; several
     * contexts given the same namespace form one installation.
     */
    public static Map<String, Object> properties(String namespace) {
        ServerAddress redis = ChorusTestServers.redis();
        ServerAddress rabbit = ChorusTestServers.rabbit();
        String mongo = ChorusTestServers.mongoUri() + "/" + namespace;
        return Map.ofEntries(
                Map.entry("chorus.test.namespace", namespace),
                Map.entry("chorus.messaging.namespace", namespace),
                Map.entry("chorus.redis.key-prefix", namespace + ":"),
                Map.entry("spring.data.redis.host", redis.host()),
                Map.entry("spring.data.redis.port", redis.port()),
                Map.entry("spring.rabbitmq.host", rabbit.host()),
                Map.entry("spring.rabbitmq.port", rabbit.port()),
                Map.entry("spring.rabbitmq.username", "guest"),
                Map.entry("spring.rabbitmq.password", "guest"),
                Map.entry("spring.mongodb.uri", mongo),
                Map.entry("spring.data.mongodb.uri", mongo));
    }
}
