package dev.chorus.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chorus.hosting.CoHosting;
import dev.chorus.contracts.events.MessagePosted;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.signaling.SignalingServiceApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many WebSocket clients on one signaling node, all subscribed to one room; each room event
 * published to RabbitMQ (as room-service publishes it: topic exchange, routing key
 * {@code room.<id>.message-posted}, the event's JSON) is fanned out to every socket. Measures from the
 * publish to the moment the LAST client holds the event (p50, p99, max), and prints the sockets the
 * node holds, its heap per socket (after a full GC, against the idle node) and its CPU.
 *
 * <p>The node runs in a child JVM with its own heap limit, so its heap is measured alone, against
 * the machine's Redis and RabbitMQ under a fresh namespace. The two room-service endpoints the node
 * calls (the JWKS that verifies tokens, and the room snapshot on subscribe) are answered by this
 * program, so that the figures are signaling-service's alone, not room-service's REST latency.
 *
 * <p>{@code ./bench SignalingFanout [sockets=10000] [events=100] [nodeHeap=1g] [gapMillis=200]}
 */
public final class SignalingFanout {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final String ROOM = "bench-room";
    private static final int USERS = 100;
    private static final int REFERENCE_EVENTS = 20;

    public static void main(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String nodeHeap = args.length > 2 ? args[2] : "1g";
        long gapMillis = args.length > 3 ? Long.parseLong(args[3]) : 200;
        String namespace = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ChorusTopology topology = new ChorusTopology(namespace);

        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        AtomicLong roomSeq = new AtomicLong();
        HttpServer roomEndpoints = serveRoomEndpoints(key, roomSeq);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            tokens.add(token(key, "bench-user-" + i));
        }
        int nodePort = freePort();
        Process node = startNode(namespace, nodePort, roomEndpoints.getAddress().getPort(), nodeHeap);
        ConnectionFactory rabbitFactory = new ConnectionFactory();
        try (Connection rabbit = rabbitFactory.newConnection(); Channel channel = rabbit.createChannel()) {
            Node probe = new Node(node, "http://localhost:" + nodePort);
            probe.awaitUp(Duration.ofSeconds(120));
            channel.exchangeDeclare(topology.roomEventsExchangeName(), "topic", true);
            Publisher publisher = new Publisher(channel, topology, roomSeq);
            long idleHeap = probe.heapAfterGc();

            // Reference figure, same run: the same path with a single socket.
            Fleet single = Fleet.open(1, nodePort, tokens, REFERENCE_EVENTS);
            Histogram reference = single.measure(publisher, REFERENCE_EVENTS, gapMillis);
            single.close();

            long openStart = System.nanoTime();
            Fleet fleet = Fleet.open(sockets, nodePort, tokens, events + 10);
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            long fullHeap = probe.heapAfterGc();
            long held = (long) probe.metric("chorus.signaling.sockets.open");

            fleet.measure(publisher, 10, gapMillis); // warm-up, not counted
            Duration cpuBefore = probe.cpu();
            long start = System.nanoTime();
            Histogram last = fleet.measure(publisher, events, gapMillis);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuCores = probe.cpu().minus(cpuBefore).toNanos() / 1e9 / seconds;
            long dropped = (long) probe.metric("chorus.signaling.sockets.dropped.slow");

            System.out.printf("SignalingFanout: %d sockets on one node (heap limit %s), %d users, one room, %d events %d ms apart%n",
                    sockets, nodeHeap, USERS, events, gapMillis);
            System.out.printf("  sockets held            %d (opened and subscribed in %.1f s), slow sockets dropped: %d%n",
                    held, openSeconds, dropped);
            System.out.printf("  node heap after GC      %.0f MiB idle, %.0f MiB holding the sockets: %.1f KiB per socket%n",
                    idleHeap / 1048576.0, fullHeap / 1048576.0, (fullHeap - idleHeap) / 1024.0 / Math.max(1, held));
            System.out.printf("  publish -> LAST client  p50 %.1f ms  p99 %.1f ms  max %.1f ms  (%d of %d events reached every socket)%n",
                    ms(last.getValueAtPercentile(50)), ms(last.getValueAtPercentile(99)), ms(last.getMaxValue()),
                    last.getTotalCount(), events);
            System.out.printf("  reference, 1 socket     p50 %.1f ms  p99 %.1f ms%n",
                    ms(reference.getValueAtPercentile(50)), ms(reference.getValueAtPercentile(99)));
            System.out.printf("  delivered               %.0f frames/s; node CPU %.2f cores during the fan-out (machine has %d)%n",
                    (double) held * last.getTotalCount() / seconds, cpuCores, Runtime.getRuntime().availableProcessors());
            fleet.close();
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
            roomEndpoints.stop(0);
        }
        System.exit(0);
    }

    /** The JWKS and the snapshot (at the room's current seq), as room-service answers them. */
    private static HttpServer serveRoomEndpoints(ECKey key, AtomicLong roomSeq) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> answer(exchange, jwks));
        server.createContext("/api/v1/rooms/" + ROOM + "/snapshot", exchange -> answer(exchange,
                ("{\"roomId\":\"" + ROOM + "\",\"title\":\"Fan-out\",\"status\":\"live\",\"seq\":" + roomSeq.get()
                        + ",\"speakerLimit\":20,\"stage\":[],\"audience\":[],\"raisedHands\":[],\"invited\":[],"
                        + "\"counts\":{\"stage\":0,\"audience\":0,\"total\":0}}").getBytes(StandardCharsets.UTF_8)));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String token(ECKey key, String userId) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId).issuer("chorus").audience("chorus")
                .claim("preferred_username", userId).claim("name", userId)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static Process startNode(String namespace, int port, int roomPort, String heap) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("signaling-fanout-node", ".log");
        System.out.println("Signaling node log: " + log);
        Map<String, String> settings = new LinkedHashMap<>(CoHosting.settings(SignalingServiceApplication.class, false));
        settings.put("server.port", Integer.toString(port));
        settings.put("chorus.signaling.node-id", "bench-node");
        settings.put("chorus.signaling.room-service-url", "http://127.0.0.1:" + roomPort);
        settings.put("chorus.messaging.namespace", namespace);
        settings.put("chorus.redis.key-prefix", namespace + ":");
        // The clients stay silent between events; browsers would ping every heartbeat.
        settings.put("chorus.signaling.idle-timeout", "30m");
        settings.put("logging.level.dev.chorus", "WARN");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + heap, "-cp",
                System.getProperty("java.class.path"), SignalingServiceApplication.class.getName()));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        return new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Publishes room events the way room-service does, each with the room's next seq. */
    private static final class Publisher {
        private final Channel channel;
        private final ChorusTopology topology;
        private final AtomicLong roomSeq;

        Publisher(Channel channel, ChorusTopology topology, AtomicLong roomSeq) {
            this.channel = channel;
            this.topology = topology;
            this.roomSeq = roomSeq;
        }

        long publish() throws IOException {
            long seq = roomSeq.incrementAndGet();
            Instant now = Instant.now();
            byte[] body = JSON.writeValueAsBytes(new MessagePosted(ROOM, seq, now, "bench-user-0", "m" + seq,
                    "bench-user-0", "bench-user-0", "message " + seq));
            channel.basicPublish(topology.roomEventsExchangeName(), ChorusTopology.roomRoutingKey(ROOM, MessagePosted.TYPE),
                    new AMQP.BasicProperties.Builder().contentType("application/json").timestamp(Date.from(now)).build(), body);
            return seq;
        }
    }

    /** The clients: JDK WebSockets over a few HttpClients (one selector thread each). */
    private static final class Fleet {
        private final int size;
        private final AtomicInteger[] received;
        private final AtomicLong[] lastArrival;
        private final CountDownLatch[] complete;
        private final CountDownLatch subscribed;
        private final List<WebSocket> sockets = new ArrayList<>();
        private long firstSeq = -1;

        private Fleet(int size, int maxEvents) {
            this.size = size;
            int capacity = maxEvents + REFERENCE_EVENTS + 20;
            received = new AtomicInteger[capacity];
            lastArrival = new AtomicLong[capacity];
            complete = new CountDownLatch[capacity];
            for (int i = 0; i < capacity; i++) {
                received[i] = new AtomicInteger();
                lastArrival[i] = new AtomicLong();
                complete[i] = new CountDownLatch(1);
            }
            subscribed = new CountDownLatch(size);
        }

        static Fleet open(int size, int port, List<String> tokens, int maxEvents) throws InterruptedException {
            Fleet fleet = new Fleet(size, maxEvents);
            HttpClient[] clients = new HttpClient[Math.min(4, size)];
            for (int i = 0; i < clients.length; i++) {
                clients[i] = HttpClient.newHttpClient();
            }
            Semaphore inFlight = new Semaphore(100);
            String subscribe = "{\"type\":\"subscribe\",\"roomId\":\"" + ROOM + "\"}";
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                inFlight.acquire();
                URI uri = URI.create("ws://localhost:" + port + "/ws?access_token=" + tokens.get(i % tokens.size()));
                CompletableFuture<WebSocket> socket = clients[i % clients.length].newWebSocketBuilder()
                        .buildAsync(uri, fleet.new Client());
                socket.thenCompose(ws -> ws.sendText(subscribe, true)).whenComplete((ws, failure) -> inFlight.release());
                opening.add(socket);
            }
            for (CompletableFuture<WebSocket> socket : opening) {
                fleet.sockets.add(socket.join());
            }
            if (!fleet.subscribed.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException(fleet.subscribed.getCount() + " sockets got no snapshot");
            }
            return fleet;
        }

        /** Publishes events one by one and records publish-to-last-client for those that reach all. */
        Histogram measure(Publisher publisher, int events, long gapMillis) throws Exception {
            Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
            for (int i = 0; i < events; i++) {
                long sent = System.nanoTime();
                long seq = publisher.publish();
                if (firstSeq < 0) {
                    firstSeq = seq;
                }
                int index = (int) (seq - firstSeq);
                if (complete[index].await(30, TimeUnit.SECONDS)) {
                    histogram.recordValue(lastArrival[index].get() - sent);
                }
                Thread.sleep(gapMillis);
            }
            return histogram;
        }

        void close() {
            sockets.forEach(WebSocket::abort);
        }

        private void arrived(long seq) {
            if (firstSeq < 0) {
                return;
            }
            int index = (int) (seq - firstSeq);
            if (received[index].incrementAndGet() == size) {
                lastArrival[index].set(System.nanoTime());
                complete[index].countDown();
            }
        }

        private final class Client implements WebSocket.Listener {
            private StringBuilder parts;

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean isLast) {
                if (!isLast) {
                    (parts == null ? parts = new StringBuilder() : parts).append(data);
                } else {
                    String text = parts == null ? data.toString() : parts.append(data).toString();
                    parts = null;
                    read(text);
                }
                socket.request(1);
                return null;
            }

            /** Cheap reading: the benchmark measures the server, not a JSON parser. */
            private void read(String text) {
                if (text.startsWith("{\"type\":\"event\"")) {
                    int at = text.indexOf("\"seq\":") + 6;
                    int end = at;
                    while (Character.isDigit(text.charAt(end))) {
                        end++;
                    }
                    arrived(Long.parseLong(text.substring(at, end)));
                } else if (text.startsWith("{\"type\":\"snapshot\"")) {
                    subscribed.countDown();
                } else if (text.startsWith("{\"type\":\"error\"")) {
                    System.err.println("error frame: " + text);
                }
            }
        }
    }

    /** The node's child process: its metrics, its heap after a full GC, its CPU time. */
    private record Node(Process process, String baseUrl) {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        void awaitUp(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if ("UP".equals(get("/actuator/health").path("status").asString())) {
                        return;
                    }
                } catch (IOException | RuntimeException starting) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("The signaling node did not come up within " + timeout);
        }

        long heapAfterGc() throws IOException, InterruptedException {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            return (long) metric("jvm.memory.used?tag=area:heap");
        }

        Duration cpu() {
            return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
        }

        double metric(String nameAndTags) throws IOException, InterruptedException {
            return get("/actuator/metrics/" + nameAndTags).path("measurements").get(0).path("value").asDouble();
        }

        private JsonNode get(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        }
    }
}
