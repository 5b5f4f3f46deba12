package dev.chorus.launcher.smoke;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The packaged launcher jar running as its own process, its output kept for the assertions. */
final class LauncherProcess {

    static final String READY_LINE = "Chorus is running";

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private LauncherProcess(Process process) {
        this.process = process;
        reader = new Thread(this::readOutput, "launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    static LauncherProcess start(Path jar, Path dataDir, int httpPort, int udpPort) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString())
                .redirectErrorStream(true);
        // Settings by environment variable, as the README tells users to set them.
        builder.environment().put("CHORUS_LAUNCHER_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("CHORUS_LAUNCHER_DATA_DIR", dataDir.toString());
        builder.environment().put("CHORUS_LAUNCHER_BRIDGE_UDP_PORT", Integer.toString(udpPort));
        builder.environment().put("CHORUS_LAUNCHER_BIND_ADDRESS", "127.0.0.1");
        return new LauncherProcess(builder.start());
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e.getMessage() + ")");
        }
    }

    /** Waits for the startup report; fails with the output if the process dies or takes too long. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(line -> line.contains(READY_LINE))) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("launcher exited with " + process.exitValue() + " before it was ready:\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("launcher not ready after " + timeout + ":\n" + tail());
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /** Processes the launcher started (the redis-server child). */
    List<ProcessHandle> children() {
        return process.toHandle().descendants().toList();
    }

    long pid() {
        return process.pid();
    }

    /** Sends SIGTERM, as Ctrl-C or a service manager would, and waits for the exit code. */
    int stop(Duration timeout) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output pipe.
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("launcher did not stop within " + timeout + ":\n" + tail());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10)); // the last lines may still be in the pipe
        return process.exitValue();
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    String tail() {
        List<String> lines = new ArrayList<>(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
