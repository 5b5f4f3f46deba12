package dev.chorus.launcher.embedded;

import dev.chorus.launcher.LauncherProperties;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server as a child process, bound to 127.0.0.1, its append-only file in
 * {@code <data-dir>/redis} so live room state survives a restart. The binary comes out of the
 * embedded-redis artifact; the process is run here rather than by that library, whose own JVM
 * shutdown hook would kill Redis while the services are still closing.
 */
@Component
public class EmbeddedRedis extends EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN = Duration.ofSeconds(20);

    private final LauncherProperties properties;
    private Process process;
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
        Path pidFile = dir.resolve("redis.pid");
        stopLeftover(pidFile);
        File binary = ExecutableProvider.newJarResourceProvider().get();
        process = new ProcessBuilder(List.of(binary.getAbsolutePath(),
                "--bind", "127.0.0.1",
                "--port", Integer.toString(port),
                "--dir", dir.toString(),
                // Durability over a restart: every write goes to the append-only file, flushed each second.
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--save", "",
                "--logfile", dir.resolve("redis.log").toString(),
                "--pidfile", pidFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitPort();
        log.info("Redis listening on 127.0.0.1:{}, data in {}", port, dir);
    }

    /**
     * A launcher killed outright (SIGKILL) leaves its redis-server running, still writing the
     * append-only file in this directory; two servers on one file would corrupt it.
     */
    private static void stopLeftover(Path pidFile) throws IOException, InterruptedException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String pid = Files.readString(pidFile).trim();
        Optional<ProcessHandle> leftover = pid.matches("\\d+") ? ProcessHandle.of(Long.parseLong(pid)) : Optional.empty();
        if (leftover.isPresent() && leftover.get().info().command().orElse("").contains("redis-server")) {
            log.warn("Stopping redis-server {} left running on this data directory by an earlier launcher", pid);
            leftover.get().destroy();
            leftover.get().onExit().orTimeout(SHUTDOWN.toSeconds(), TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        Files.deleteIfExists(pidFile);
    }

    long pid() {
        return process.pid();
    }

    private void awaitPort() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue()
                        + "; see redis.log in the data directory");
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not listen on port " + port + " within " + STARTUP);
    }

    @Override
    protected void stopServer() throws InterruptedException {
        // SIGTERM: Redis flushes its append-only file and exits.
        process.destroy();
        if (!process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("redis-server did not stop within {}; killing it", SHUTDOWN);
            process.destroyForcibly().waitFor();
        }
    }
}
