package dev.chorus.launcher;

import dev.chorus.hosting.SharedClassPath;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the whole platform in this JVM: embedded Redis, AMQP broker and Mongo-protocol server,
 * then every Chorus service present on the class path as its own Spring context, then this
 * context's public port (the gateway), which opens last so that the printed address answers.
 */
@SpringBootApplication
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
        launcher.setDefaultProperties(Map.of(
                "spring.config.name", CONFIG_NAME,
                // This context is only the gateway: it talks to no server and guards nothing
                // (each service checks tokens itself).
                "spring.autoconfigure.exclude", String.join(",",
                        Stream.concat(SharedClassPath.DATA.stream(), SharedClassPath.SECURITY.stream()).toList())));
        launcher.run(args);
    }
}
