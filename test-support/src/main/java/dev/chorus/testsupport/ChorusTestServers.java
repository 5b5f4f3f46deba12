package dev.chorus.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real servers integration tests talk to, one of each per test JVM, started on first use.
 *
 * <p>Where a Docker engine answers, Redis and RabbitMQ run in Testcontainers. Otherwise the tests use
 * the machine's own Redis and RabbitMQ ({@code CHORUS_TEST_REDIS} and {@code CHORUS_TEST_RABBITMQ}
 * as {@code host:port}, default {@code 127.0.0.1:6379} and {@code 127.0.0.1:5672}, RabbitMQ user
 * guest/guest), which {@code .ci/run} installs and starts. MongoDB is always an in-process
 * Mongo-protocol server (mongo-java-server) on a free loopback port.
 *
 * <p>Tests share these servers, so each Spring context gets its own namespace (see
 * {@link ChorusServersInitializer}) rather than its own server.
 */
public final class ChorusTestServers {

    private static final Logger log = LoggerFactory.getLogger(ChorusTestServers.class);

    private static ServerAddress redis;
    private static ServerAddress rabbit;
    private static String mongoUri;
    private static Boolean docker;

    private ChorusTestServers() {
    }

    public static synchronized ServerAddress redis() {
        if (redis == null) {
            redis = dockerAvailable()
                    ? container("redis:7-alpine", 6379)
                    : local("CHORUS_TEST_REDIS", "127.0.0.1:6379", "Redis");
        }
        return redis;
    }

    public static synchronized ServerAddress rabbit() {
        if (rabbit == null) {
            rabbit = dockerAvailable()
                    ? container("rabbitmq:4-alpine", 5672)
                    : local("CHORUS_TEST_RABBITMQ", "127.0.0.1:5672", "RabbitMQ");
        }
        return rabbit;
    }

    /** A connection string to the in-process Mongo-protocol server, without a database name. */
    public static synchronized String mongoUri() {
        if (mongoUri == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            InetSocketAddress address = server.bind();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-test-server-stop"));
            mongoUri = "mongodb://127.0.0.1:" + address.getPort();
            log.info("In-process Mongo-protocol server listening on {}", mongoUri);
        }
        return mongoUri;
    }

    private static boolean dockerAvailable() {
        if (docker == null) {
            docker = !"false".equals(System.getenv("CHORUS_TEST_DOCKER")) && probeDocker();
            log.info(docker ? "Docker engine found: Redis and RabbitMQ run in Testcontainers"
                    : "No Docker engine: using the machine's Redis and RabbitMQ");
        }
        return docker;
    }

    private static boolean probeDocker() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    private static ServerAddress container(String image, int port) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image)).withExposedPorts(port);
        container.start();
        return new ServerAddress(container.getHost(), container.getMappedPort(port));
    }

    private static ServerAddress local(String variable, String fallback, String what) {
        String value = System.getenv().getOrDefault(variable, fallback);
        int colon = value.lastIndexOf(':');
        ServerAddress address = new ServerAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), 2000);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " does not answer on " + value + " and there is no Docker engine. "
                    + "Start it (bash .ci/run does), or point " + variable + " at one.", e);
        }
        return address;
    }
}
