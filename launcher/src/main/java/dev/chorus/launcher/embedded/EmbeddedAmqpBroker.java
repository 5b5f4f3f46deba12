package dev.chorus.launcher.embedded;

import dev.chorus.launcher.LauncherProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Apache Qpid Broker-J in this JVM, speaking AMQP 0-9-1 on 127.0.0.1 (the protocol Spring AMQP
 * and RabbitMQ use). Its virtual host is in memory: messages in flight do not outlive the
 * launcher, which is fine because everything durable lives in Mongo and Redis. The password is
 * new at every start and handed only to the service contexts.
 */
@Component
public class EmbeddedAmqpBroker extends EmbeddedServer {

    public static final String USERNAME = "chorus";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);

    private final LauncherProperties properties;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private SystemLauncher broker;
    private int port;

    EmbeddedAmqpBroker(LauncherProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "AMQP broker";
    }

    @Override
    public String address() {
        return "amqp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    @Override
    protected void startServer() throws Exception {
        Path workDir = Files.createDirectories(properties.dataDir().resolve("amqp")).toAbsolutePath();
        port = FreePort.orFree(properties.amqpPort());
        Path config = workDir.resolve("broker-config.json");
        Files.writeString(config, brokerConfig(port, password));
        ResolvedSystem resolved = new ResolvedSystem();
        broker = new SystemLauncher(resolved);
        broker.startup(Map.of(
                "type", "Memory",
                "initialConfigurationLocation", config.toUri().toString(),
                "startupLoggedToSystemOut", false,
                "context", Map.of(
                        "qpid.work_dir", workDir.toString(),
                        // Qpid refuses RabbitMQ's x-dead-letter-exchange / x-dead-letter-routing-key
                        // queue arguments; accept the declaration and log them instead, and let
                        // DeadLetterRouting give the queue the same routing by Qpid's own means.
                        "queue.behaviourOnUnknownDeclareArgument", "LOG")));
        new DeadLetterRouting(virtualHostOf(resolved.system)).install();
        log.info("AMQP 0-9-1 broker (Qpid Broker-J) listening on 127.0.0.1:{}", port);
    }

    /**
     * One plain-password user (PLAIN allowed without TLS: Spring AMQP's client offers only PLAIN,
     * and the port is reachable from this machine only), one AMQP 0-9-1 port on loopback, one in-memory virtual host that
     * answers to any virtual host name a client asks for (Spring AMQP asks for "/").
     */
    static String brokerConfig(int port, String password) {
        return """
                {
                  "name": "chorus",
                  "modelVersion": "8.0",
                  "authenticationproviders": [ {
                    "name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
                    "users": [ { "name": "%s", "type": "managed", "password": "%s" } ]
                  } ],
                  "ports": [ {
                    "name": "AMQP", "port": %d, "bindingAddress": "127.0.0.1",
                    "protocols": [ "AMQP_0_9_1" ],
                    "authenticationProvider": "plain",
                    "virtualhostaliases": [
                      { "name": "nameAlias", "type": "nameAlias" },
                      { "name": "defaultAlias", "type": "defaultAlias" },
                      { "name": "hostnameAlias", "type": "hostnameAlias" }
                    ]
                  } ],
                  "virtualhostnodes": [ {
                    "name": "default", "type": "Memory", "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{ \\"type\\": \\"Memory\\" }"
                  } ]
                }
                """.formatted(USERNAME, password, port);
    }

    private static VirtualHost<?> virtualHostOf(SystemConfig<?> system) {
        Broker<?> root = (Broker<?>) system.getContainer();
        for (VirtualHostNode<?> node : root.getVirtualHostNodes()) {
            if (node.getVirtualHost() != null) {
                return node.getVirtualHost();
            }
        }
        throw new IllegalStateException("Qpid started without a virtual host");
    }

    /** Catches the broker's system object as it resolves, to reach its virtual host. */
    private static final class ResolvedSystem extends SystemLauncherListener.DefaultSystemLauncherListener {
        private volatile SystemConfig<?> system;

        @Override
        public void onContainerResolve(SystemConfig<?> systemConfig) {
            this.system = systemConfig;
        }
    }

    @Override
    protected void stopServer() {
        broker.shutdown();
    }
}
