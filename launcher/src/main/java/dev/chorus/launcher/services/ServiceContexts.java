package dev.chorus.launcher.services;

import dev.chorus.hosting.CoHosting;
import dev.chorus.launcher.LauncherProperties;
import dev.chorus.launcher.embedded.EmbeddedAmqpBroker;
import dev.chorus.launcher.embedded.EmbeddedMongo;
import dev.chorus.launcher.embedded.EmbeddedRedis;
import dev.chorus.launcher.embedded.EmbeddedServer;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Runs each Chorus service found on the class path as its own Spring application context, on its
 * own free loopback port, with its own configuration file and the addresses of the embedded
 * servers. Started after the embedded servers and before the gateway opens the public port;
 * stopped in reverse order.
 */
@Component
public class ServiceContexts implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ServiceContexts.class);

    /**
     * Logging is one system per JVM and each context re-applies its own levels when it starts, so
     * every context carries the launcher's levels for the embedded servers. Qpid's complaint about
     * dead-letter arguments is expected: DeadLetterRouting gives those queues the same routing.
     */
    private static final Map<String, String> QUIET_EMBEDDED_SERVERS = Map.of(
            "logging.level.org.apache.qpid", "WARN",
            "logging.level.qpid.message", "WARN",
            "logging.level.org.apache.qpid.server.queue.QueueArgumentsConverter", "ERROR",
            "logging.level.de.bwaldvogel", "WARN");

    private final LauncherProperties properties;
    private final EmbeddedRedis redis;
    private final EmbeddedAmqpBroker broker;
    private final EmbeddedMongo mongo;
    private final List<RunningService> running = Collections.synchronizedList(new ArrayList<>());

    ServiceContexts(LauncherProperties properties, EmbeddedRedis redis, EmbeddedAmqpBroker broker, EmbeddedMongo mongo) {
        this.properties = properties;
        this.redis = redis;
        this.broker = broker;
        this.mongo = mongo;
    }

    /** A started service: its name, internal base URL and context. */
    public record RunningService(String name, URI url, ConfigurableApplicationContext context) {
    }

    public List<RunningService> running() {
        return List.copyOf(running);
    }

    public Optional<URI> urlOf(String service) {
        return running().stream().filter(s -> s.name().equals(service)).map(RunningService::url).findFirst();
    }

    /** Services whose main class is on the class path and which are not disabled. */
    public List<ServiceDefinition> present() {
        return ServiceCatalog.ALL.stream()
                .filter(s -> ClassUtils.isPresent(s.mainClass(), getClass().getClassLoader()))
                .filter(s -> !properties.disabledServices().contains(s.name()))
                .toList();
    }

    @Override
    public void start() {
        String serviceToken = newSecret();
        String bridgeApiToken = newSecret();
        Map<String, URI> started = new LinkedHashMap<>();
        URI publicUrl = URI.create("http://localhost:" + properties.httpPort());
        for (ServiceDefinition service : present()) {
            Wiring wiring = new Wiring(publicUrl, properties.bindAddress(), properties.bridgeUdpPort(), properties.bridgeAddress(), serviceToken,
                    bridgeApiToken, Map.copyOf(started));
            long begin = System.nanoTime();
            ConfigurableApplicationContext context = run(service, wiring);
            String port = context.getEnvironment().getProperty("local.server.port");
            URI url = URI.create("http://127.0.0.1:" + port);
            running.add(new RunningService(service.name(), url, context));
            started.put(service.name(), url);
            log.info("{} started on {} in {} ms", service.name(), url, (System.nanoTime() - begin) / 1_000_000);
        }
    }

    private static String newSecret() {
        return HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    }

    private ConfigurableApplicationContext run(ServiceDefinition service, Wiring wiring) {
        Class<?> mainClass = ClassUtils.resolveClassName(service.mainClass(), getClass().getClassLoader());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.application.name", service.name());
        settings.put("server.port", "0");
        settings.put("server.address", "127.0.0.1");
        settings.putAll(infrastructure());
        settings.putAll(QUIET_EMBEDDED_SERVERS);
        settings.putAll(service.wiring().apply(wiring));
        return CoHosting.start(mainClass, service.usesSpringSecurity(), settings);
    }

    /**
     * Every service gets every server's address: a context's auto-configuration sees the whole
     * class path. The Mongo health check is off because it sends {@code hello}, a command the
     * in-process Mongo-protocol server does not implement; that server lives and dies with this JVM.
     */
    private Map<String, String> infrastructure() {
        return Map.of(
                "management.health.mongodb.enabled", "false",
                "spring.mongodb.uri", mongo.uri(),
                "spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", Integer.toString(redis.port()),
                "spring.rabbitmq.host", "127.0.0.1",
                "spring.rabbitmq.port", Integer.toString(broker.port()),
                "spring.rabbitmq.username", EmbeddedAmqpBroker.USERNAME,
                "spring.rabbitmq.password", broker.password(),
                "spring.rabbitmq.virtual-host", "/");
    }

    @Override
    public void stop() {
        List<RunningService> reversed = new ArrayList<>(running());
        Collections.reverse(reversed);
        for (RunningService service : reversed) {
            log.info("Stopping {}", service.name());
            service.context().close();
            running.remove(service);
        }
    }

    @Override
    public void destroy() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return !running.isEmpty();
    }

    @Override
    public boolean isAutoStartup() {
        return true;
    }

    @Override
    public int getPhase() {
        return EmbeddedServer.PHASE + 1;
    }
}
