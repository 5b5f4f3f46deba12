package dev.chorus.launcher.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.chorus.launcher.LauncherProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An in-process server speaking the Mongo wire protocol (mongo-java-server) whose documents live
 * in one H2 MVStore file, {@code <data-dir>/mongo.mv}. The file is locked while the launcher runs,
 * so two launchers cannot share a data directory by accident.
 */
@Component
public class EmbeddedMongo extends EmbeddedServer {

    /** The database every service uses, as a real deployment would. */
    public static final String DATABASE = "chorus";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final LauncherProperties properties;
    private MongoServer server;
    private int port;
    private Path file;

    EmbeddedMongo(LauncherProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "Mongo";
    }

    @Override
    public String address() {
        return uri();
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Path file() {
        return file;
    }

    @Override
    protected void startServer() throws Exception {
        file = Files.createDirectories(properties.dataDir()).toAbsolutePath().resolve("mongo.mv");
        server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", properties.mongoPort());
        port = server.getLocalAddress().getPort();
        log.info("Mongo-protocol server listening on 127.0.0.1:{}, data in {}", port, file);
    }

    @Override
    protected void stopServer() {
        // shutdown() waits for every client to hang up, and clients of contexts already closed may
        // never say goodbye; the services are stopped by now, so close at once. This also closes
        // the backend, which commits and closes the MVStore file.
        server.shutdownNow();
    }
}
