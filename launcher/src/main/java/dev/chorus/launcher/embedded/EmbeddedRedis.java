package dev.chorus.launcher.embedded;

import dev.chorus.launcher.LauncherProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary ships inside the embedded-redis artifact) as a child process,
 * bound to 127.0.0.1. Its append-only file lives in {@code <data-dir>/redis}, so live room state
 * survives a restart of the launcher.
 */
@Component
public class EmbeddedRedis extends EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final LauncherProperties properties;
    private RedisServer server;
    private int port;

    EmbeddedRedis(LauncherProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "Redis";
    }

    @Override
    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    protected void startServer() throws Exception {
        Path dir = Files.createDirectories(properties.dataDir().resolve("redis")).toAbsolutePath();
        port = FreePort.orFree(properties.redisPort());
        server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("dir \"" + dir + "\"")
                // Durability over a restart: every write goes to the append-only file, flushed each second.
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .setting("save \"\"")
                .onShutdownForceStop(true)
                .build();
        server.start();
        log.info("Redis listening on 127.0.0.1:{}, data in {}", port, dir);
    }

    @Override
    protected void stopServer() throws Exception {
        server.stop();
    }
}
