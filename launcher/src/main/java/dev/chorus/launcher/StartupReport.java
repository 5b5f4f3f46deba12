package dev.chorus.launcher;

import dev.chorus.launcher.embedded.EmbeddedServer;
import dev.chorus.launcher.services.ServiceCatalog;
import dev.chorus.launcher.services.ServiceContexts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints, once the public port answers, where every part listens and how long startup took. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final LauncherProperties properties;
    private final List<EmbeddedServer> servers;
    private final ServiceContexts services;

    StartupReport(LauncherProperties properties, List<EmbeddedServer> servers, ServiceContexts services) {
        this.properties = properties;
        this.servers = servers;
        this.services = services;
    }

    @EventListener
    void onReady(ApplicationReadyEvent ready) {
        StringBuilder report = new StringBuilder("\n\n  Chorus is running. Open http://localhost:")
                .append(properties.httpPort()).append("/\n\n");
        line(report, "HTTP", properties.bindAddress() + ":" + properties.httpPort()
                + "  (web client at /, API at /api, WebSocket at /ws)");
        services.running().forEach(s -> line(report, s.name(), s.url().toString()));
        List<String> absent = ServiceCatalog.ALL.stream().map(d -> d.name())
                .filter(name -> services.urlOf(name).isEmpty()).toList();
        if (!absent.isEmpty()) {
            line(report, "not running", String.join(", ", absent));
        }
        line(report, "bridge UDP", services.urlOf(ServiceCatalog.MEDIA_SFU).isPresent()
                ? properties.bindAddress() + ":" + properties.bridgeUdpPort() : "no bridge (media-sfu not running)");
        servers.forEach(s -> line(report, s.name(), s.address()));
        line(report, "data", properties.dataDir().toAbsolutePath().normalize().toString());
        Duration took = ready.getTimeTaken();
        line(report, "started in", String.format(Locale.ROOT, "%.1f s", took == null ? 0 : took.toMillis() / 1000.0));
        log.info("{}", report);
    }

    private static void line(StringBuilder report, String label, String value) {
        report.append(String.format(Locale.ROOT, "  %-18s %s%n", label, value));
    }
}
