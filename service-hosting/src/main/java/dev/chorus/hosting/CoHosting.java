package dev.chorus.hosting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a Chorus service as one Spring context among several in the same JVM. Every context sees
 * every service's jars: without these settings each would read the first {@code application.yml} on
 * the class path (another service's) and get Spring Security's locked-down defaults from
 * room-service's jar.
 */
public final class CoHosting {

    private static final String NO_CONFIG_FILE = "optional:classpath:/dev/chorus/hosting/no-service-config/";

    private CoHosting() {
    }

    /** The service's own configuration file, its own meters, and Spring Security only if it uses it. */
    public static Map<String, String> settings(Class<?> mainClass, boolean usesSpringSecurity) {
        List<String> configFiles = ServiceConfigFiles.of(mainClass);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.config.location", configFiles.isEmpty() ? NO_CONFIG_FILE : String.join(",", configFiles));
        settings.put("spring.main.banner-mode", "off");
        // Each context keeps its meters to itself; the JVM-wide registry would mix all services.
        settings.put("management.metrics.use-global-registry", "false");
        if (!usesSpringSecurity) {
            settings.put("spring.autoconfigure.exclude", String.join(",", SharedClassPath.SECURITY));
        }
        return settings;
    }

    /**
     * Starts the service with {@link #settings} and then {@code overrides}, passed as command-line
     * arguments so that they outrank the service's own file and the environment.
     */
    public static ConfigurableApplicationContext start(Class<?> mainClass, boolean usesSpringSecurity,
            Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(settings(mainClass, usesSpringSecurity));
        // Logging is one system per JVM and would label every line with the name of the context
        // that started first, whichever service wrote it: no name is better than a wrong one.
        all.put("logging.include-application-name", "false");
        all.putAll(overrides);
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(mainClass).registerShutdownHook(false).run(args);
    }
}
