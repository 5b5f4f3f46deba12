package dev.chorus.launcher;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the whole platform in this JVM: embedded Redis, AMQP broker and Mongo-protocol server,
 * then every Chorus service present on the class path as its own Spring context, then this
 * context's public port (the gateway), which opens last so that the printed address answers.
 */
@SpringBootApplication(excludeName = {
        // The services' clients and security are on the shared class path, but this context is
        // only the gateway: it talks to no server and guards nothing (each service checks tokens).
        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveRepositoriesAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration"})
@ConfigurationPropertiesScan
public class ChorusLauncher {

    /**
     * The launcher's settings file is {@code chorus-launcher.yml}, not {@code application.yml}: every
     * service jar on the class path brings its own {@code application.yml}, and each of those must
     * reach only its own service's context (see {@code ServiceConfigFiles}).
     */
    static final String CONFIG_NAME = "chorus-launcher";

    public static void main(String[] args) {
        SpringApplication launcher = new SpringApplication(ChorusLauncher.class);
        launcher.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        launcher.run(args);
    }
}
