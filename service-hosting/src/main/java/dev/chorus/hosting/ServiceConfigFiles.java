package dev.chorus.hosting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds a service's own {@code application.yml}/{@code .yaml}/{@code .properties}. All service jars
 * share one class path here, and {@code classpath:application.yml} would give every context the
 * first jar's file; so each context gets the exact URL of the file beside its main class
 * (its jar, or its classes directory) as {@code spring.config.location}.
 */
final class ServiceConfigFiles {

    private static final List<String> NAMES = List.of("application.properties", "application.yml", "application.yaml");

    private ServiceConfigFiles() {
    }

    static List<String> of(Class<?> mainClass) {
        ClassLoader loader = mainClass.getClassLoader();
        String classFile = mainClass.getName().replace('.', '/') + ".class";
        URL classUrl = loader.getResource(classFile);
        if (classUrl == null) {
            return List.of();
        }
        String root = classUrl.toString().substring(0, classUrl.toString().length() - classFile.length());
        List<String> files = new ArrayList<>();
        try {
            for (String name : NAMES) {
                for (URL candidate : Collections.list(loader.getResources(name))) {
                    if (candidate.toString().equals(root + name)) {
                        files.add(candidate.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path", e);
        }
        return files;
    }
}
