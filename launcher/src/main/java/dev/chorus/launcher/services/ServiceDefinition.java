package dev.chorus.launcher.services;

import java.util.Map;
import java.util.function.Function;

/**
 * One Chorus service as the launcher runs it.
 *
 * @param name      the service's module name, also its {@code spring.application.name}
 * @param mainClass its Spring Boot application class; the service runs only if this is on the class path
 * @param usesSpringSecurity whether the service itself depends on Spring Security; if not, its
 *                  context gets Spring Security's auto-configuration excluded
 * @param wiring    the properties that point it at the embedded servers and at the services started
 *                  before it (beyond the infrastructure every service gets)
 */
public record ServiceDefinition(String name, String mainClass, boolean usesSpringSecurity,
        Function<Wiring, Map<String, String>> wiring) {
}
