package dev.chorus.signaling.support;

import dev.chorus.room.RoomServiceApplication;
import dev.chorus.signaling.SignalingServiceApplication;
import dev.chorus.testsupport.ChorusTestServers;
import dev.chorus.testsupport.ServerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * room-service and signaling nodes started in this JVM, each its own Spring context on a random
 * port, all sharing one fresh RabbitMQ namespace and Redis prefix: a small installation of its own.
 */
public final class ChorusCluster implements AutoCloseable {

    private final String namespace = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private ConfigurableApplicationContext roomService;

    public ChorusCluster startRoomService() {
        roomService = start(RoomServiceApplication.class,
                "--spring.mongodb.uri=" + ChorusTestServers.mongoUri() + "/" + namespace,
                "--spring.data.mongodb.uri=" + ChorusTestServers.mongoUri() + "/" + namespace);
        return this;
    }

    public int roomServicePort() {
        return port(roomService);
    }

    /** A signaling node pointed at this cluster's room-service; extra arguments override its settings. */
    public ConfigurableApplicationContext startNode(String nodeId, String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--chorus.signaling.node-id=" + nodeId,
                "--chorus.signaling.room-service-url=http://localhost:" + roomServicePort()));
        arguments.addAll(List.of(extra));
        return start(SignalingServiceApplication.class, arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private ConfigurableApplicationContext start(Class<?> application, String... extra) {
        ServerAddress redis = ChorusTestServers.redis();
        ServerAddress rabbit = ChorusTestServers.rabbit();
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--chorus.messaging.namespace=" + namespace,
                "--chorus.redis.key-prefix=" + namespace + ":",
                "--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
                "--spring.rabbitmq.host=" + rabbit.host(), "--spring.rabbitmq.port=" + rabbit.port(),
                "--spring.rabbitmq.username=guest", "--spring.rabbitmq.password=guest"));
        arguments.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            if (contexts.get(i).isActive()) {
                contexts.get(i).close();
            }
        }
    }
}
