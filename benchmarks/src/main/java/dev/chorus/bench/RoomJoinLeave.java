package dev.chorus.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.chorus.hosting.CoHosting;
import dev.chorus.room.RoomServiceApplication;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Join-and-leave load on room-service: many simulated users, each joining a room and leaving it again
 * as fast as the service answers. Prints joins per second, join and leave latency p50/p99, and the
 * process CPU. As a reference measured in the same run, it prints the same figures for an
 * authenticated read ({@code GET /api/v1/me}), which crosses the same HTTP, security and storage path
 * without changing anything.
 *
 * <p>By default it starts room-service in this JVM (so the load generator shares the 2 cores, as the
 * goal asks) against the machine's Redis and RabbitMQ and an in-process Mongo-protocol server; with
 * {@code --url http://host:port} it loads a running room-service instead.
 *
 * <pre>./bench RoomJoinLeave [--users 200] [--rooms 20] [--threads 32] [--seconds 20] [--warm-up 5] [--url URL]</pre>
 */
public final class RoomJoinLeave {

    private static final Pattern FIELD = Pattern.compile("\"(id|accessToken)\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    private RoomJoinLeave(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int users = Integer.parseInt(options.getOrDefault("users", "200"));
        int rooms = Integer.parseInt(options.getOrDefault("rooms", "20"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "32"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmUpSeconds = Integer.parseInt(options.getOrDefault("warm-up", "5"));

        ConfigurableApplicationContext service = null;
        MongoServer mongo = null;
        String url = options.get("url");
        if (url == null) {
            mongo = new MongoServer(new MemoryBackend());
            String mongoUri = "mongodb://127.0.0.1:" + mongo.bind().getPort() + "/bench";
            String namespace = "bench" + UUID.randomUUID().toString().substring(0, 8);
            service = CoHosting.start(RoomServiceApplication.class, true, Map.of(
                    "server.port", "0", "spring.mongodb.uri", mongoUri,
                    "chorus.messaging.namespace", namespace, "chorus.redis.key-prefix", namespace + ":",
                    "logging.level.dev.chorus", "WARN"));
            url = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
        }
        try {
            new RoomJoinLeave(url).run(users, rooms, threads, seconds, warmUpSeconds);
        } finally {
            if (service != null) {
                service.close();
            }
            if (mongo != null) {
                mongo.shutdownNow();
            }
        }
    }

    private void run(int userCount, int roomCount, int threads, int seconds, int warmUpSeconds) throws Exception {
        System.out.printf("room-service at %s: %d users, %d rooms, %d concurrent clients, %d s per phase%n", base,
                userCount, roomCount, threads, seconds);
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            String name = "bench-" + run + "-" + i;
            call("POST", "/api/v1/auth/register", null,
                    "{\"username\":\"" + name + "\",\"displayName\":\"Bench " + i + "\",\"password\":\"benchmark-password\"}");
            tokens.add(field(call("POST", "/api/v1/auth/login", null,
                    "{\"username\":\"" + name + "\",\"password\":\"benchmark-password\"}"), "accessToken"));
        }
        List<String> roomIds = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) {
            roomIds.add(field(call("POST", "/api/v1/rooms", tokens.get(i % tokens.size()),
                    "{\"title\":\"Bench room " + i + "\",\"visibility\":\"public\"}"), "id"));
        }
        // Room hosts stay in their rooms; the others join and leave.
        List<String> guests = tokens.subList(Math.min(roomCount, tokens.size() - 1), tokens.size());

        Phase warmup = joinLeave(guests, roomIds, threads, warmUpSeconds);
        System.out.printf("warm-up: %d joins in %d s%n", warmup.operations, warmUpSeconds);
        Phase reference = reads(guests, threads, seconds);
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        Phase load = joinLeave(guests, roomIds, threads, seconds);
        long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;

        System.out.println();
        System.out.printf("%-34s %10s %10s %10s %10s %8s%n", "", "ops/s", "p50 ms", "p99 ms", "max ms", "CPU %");
        print("reference: GET /api/v1/me", reference, reference.first);
        print("join (POST .../join)", load, load.first);
        print("leave (POST .../leave)", load, load.second);
        System.out.printf("errors during load: %d%n", load.errors);
        System.out.printf("JIT compiling during load: %d ms (of this JVM; a room-service given by --url is not seen)%n",
                jitMillis);
        System.out.println("Goal: 2,000 joins/s with join p99 under 50 ms on 2 cores, load generator included.");
    }

    private static void print(String name, Phase phase, Histogram histogram) {
        System.out.printf("%-34s %10.0f %10.2f %10.2f %10.2f %8.0f%n", name,
                histogram.getTotalCount() / phase.seconds, histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6, phase.cpuPercent);
    }

    private record Phase(long operations, long errors, double seconds, double cpuPercent, Histogram first,
            Histogram second) {
    }

    private interface Step {
        void run(int worker, long iteration, Recorder first, Recorder second) throws Exception;
    }

    private Phase joinLeave(List<String> guests, List<String> rooms, int threads, int seconds) throws Exception {
        return drive(threads, seconds, (worker, iteration, joins, leaves) -> {
            String token = guests.get((int) ((worker + iteration * threads) % guests.size()));
            String room = rooms.get((int) ((worker + iteration) % rooms.size()));
            long start = System.nanoTime();
            call("POST", "/api/v1/rooms/" + room + "/join", token, "{}");
            long joined = System.nanoTime();
            joins.recordValue(joined - start);
            call("POST", "/api/v1/rooms/" + room + "/leave", token, null);
            leaves.recordValue(System.nanoTime() - joined);
        });
    }

    private Phase reads(List<String> guests, int threads, int seconds) throws Exception {
        return drive(threads, seconds, (worker, iteration, reads, unused) -> {
            long start = System.nanoTime();
            call("GET", "/api/v1/me", guests.get((int) ((worker + iteration * threads) % guests.size())), null);
            reads.recordValue(System.nanoTime() - start);
        });
    }

    private Phase drive(int threads, int seconds, Step step) throws Exception {
        Recorder first = new Recorder(3);
        Recorder second = new Recorder(3);
        AtomicLong operations = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int worker = t;
            pool.submit(() -> {
                long iteration = 0;
                while (System.nanoTime() < deadline) {
                    try {
                        step.run(worker, iteration++, first, second);
                        operations.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        return new Phase(operations.get(), errors.get(), wall, 100 * cpu / (wall * cores), first.getIntervalHistogram(),
                second.getIntervalHistogram());
    }

    private String call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("No " + name + " in " + json);
    }
}
