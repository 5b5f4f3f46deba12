package dev.chorus.bench;

import dev.chorus.hosting.CoHosting;
import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.events.Role;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.testsupport.ChorusTestServers;
import dev.chorus.voice.VoiceServiceApplication;
import dev.chorus.voice.testbridge.ReplayBridge;
import dev.chorus.worker.WorkerServiceApplication;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Join to voice-ready latency: N members (default 200) join within one second across R rooms
 * (default 10) in two regions. Each join is a voice-setup command on RabbitMQ, as room-service sends
 * it; the clock stops when the member's voice-ready arrives on the room-events exchange, as a
 * signaling node receives it. worker-service and voice-service run in this JVM against the machine's
 * Redis and RabbitMQ; the bridges are loopback servers answering as the captured Jitsi Videobridge
 * (Colibri2 only, no media). Reference figure, same run: a bare RabbitMQ publish-to-consume hop.
 *
 * <p>Usage: {@code ./bench JoinToVoiceReady [members] [rooms] [warm-up bursts]}
 */
public final class JoinToVoiceReady {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "bench-token";

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rooms = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String ns = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (ReplayBridge eu = new ReplayBridge(); ReplayBridge us = new ReplayBridge()) {
            Map<String, String> voiceSettings = common(ns);
            voiceSettings.put("chorus.voice.service-token", TOKEN);
            voiceSettings.put("chorus.voice.default-region", "eu");
            voiceSettings.put("chorus.voice.bridges[0].name", "eu-1");
            voiceSettings.put("chorus.voice.bridges[0].region", "eu");
            voiceSettings.put("chorus.voice.bridges[0].base-url", eu.baseUrl().toString());
            voiceSettings.put("chorus.voice.bridges[1].name", "us-1");
            voiceSettings.put("chorus.voice.bridges[1].region", "us");
            voiceSettings.put("chorus.voice.bridges[1].base-url", us.baseUrl().toString());
            ConfigurableApplicationContext voice = CoHosting.start(VoiceServiceApplication.class, false, voiceSettings);
            String voicePort = voice.getEnvironment().getProperty("local.server.port");
            Map<String, String> workerSettings = common(ns);
            workerSettings.put("chorus.worker.service-token", TOKEN);
            workerSettings.put("chorus.worker.voice-service-url", "http://127.0.0.1:" + voicePort);
            workerSettings.put("spring.mongodb.uri", ChorusTestServers.mongoUri() + "/" + ns);
            ConfigurableApplicationContext worker = CoHosting.start(WorkerServiceApplication.class, false, workerSettings);
            try {
                run(worker, new ChorusTopology(ns), members, rooms, warmUps);
            } finally {
                worker.close();
                voice.close();
            }
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext worker, ChorusTopology topology, int members, int rooms,
            int warmUps)
            throws Exception {
        ConnectionFactory connections = worker.getBean(ConnectionFactory.class);
        RabbitAdmin admin = new RabbitAdmin(connections);
        RabbitTemplate rabbit = new RabbitTemplate(connections);
        Queue inbox = QueueBuilder.nonDurable(topology.namespace() + ".bench-inbox").autoDelete().build();
        admin.declareQueue(inbox);
        admin.declareBinding(BindingBuilder.bind(inbox).to(topology.roomEventsExchange()).with("user.*.voice-ready"));

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        CountDownLatch[] done = new CountDownLatch[1];
        DirectMessageListenerContainer listener = new DirectMessageListenerContainer(connections);
        listener.setQueueNames(inbox.getName());
        listener.setMessageListener(message -> {
            long now = System.nanoTime();
            JsonNode event = JSON.readTree(message.getBody());
            Long start = sentAt.remove(event.path("userId").asString());
            if (start != null) {
                synchronized (latency) {
                    latency.recordValue((now - start) / 1000);
                }
                done[0].countDown();
            }
        });
        listener.start();

        String reference = referenceHop(admin, rabbit, connections, topology);
        // Code run once per join needs thousands of joins before C2 compiles it: with a few warm-up bursts
        // the JIT compiles through the measured one and takes most of the CPU (printed below).
        for (int round = 0; round < warmUps; round++) {
            joinAll(rabbit, topology, members, rooms, sentAt, latency, done, "warm" + round);
        }
        latency.reset();

        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long cpuBefore = processCpuNanos();
        long wallBefore = System.nanoTime();
        boolean complete = joinAll(rabbit, topology, members, rooms, sentAt, latency, done, "run");
        long wall = System.nanoTime() - wallBefore;
        long cpu = processCpuNanos() - cpuBefore;
        long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        listener.stop();

        System.out.printf("JoinToVoiceReady: %d members joining within 1 s across %d rooms in 2 regions%n", members, rooms);
        System.out.printf("  completed        %d/%d%s%n", latency.getTotalCount(), members, complete ? "" : " (timed out)");
        System.out.printf("  throughput       %.0f voice-ready/s (whole burst %.0f ms)%n",
                latency.getTotalCount() / (wall / 1e9), wall / 1e6);
        System.out.printf("  latency p50      %.1f ms%n", latency.getValueAtPercentile(50) / 1000.0);
        System.out.printf("  latency p99      %.1f ms%n", latency.getValueAtPercentile(99) / 1000.0);
        System.out.printf("  latency max      %.1f ms%n", latency.getMaxValue() / 1000.0);
        System.out.printf("  CPU              %.2f s of process CPU over %.2f s wall (%d cores)%n", cpu / 1e9, wall / 1e9,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("  JIT              %d ms compiling during the burst (after %d warm-up bursts)%n", jitMillis,
                warmUps);
        System.out.println("  reference        " + reference);
    }

    private static boolean joinAll(RabbitTemplate rabbit, ChorusTopology topology, int members, int rooms,
            Map<String, Long> sentAt, Histogram latency, CountDownLatch[] done, String tag) throws InterruptedException {
        done[0] = new CountDownLatch(members);
        List<String> roomIds = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            roomIds.add(tag + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        long spacingNanos = TimeUnit.SECONDS.toNanos(1) / members;
        long start = System.nanoTime();
        for (int i = 0; i < members; i++) {
            long due = start + i * spacingNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // sleeping, not spinning: the services share these cores
            }
            String room = roomIds.get(i % rooms);
            String user = tag + "-u" + i;
            Role role = i < rooms ? Role.HOST : Role.LISTENER;
            VoiceSetup setup = new VoiceSetup(UUID.randomUUID().toString(), Instant.now(), room, user, role, false,
                    i % 2 == 0 ? "eu" : "us", 2);
            sentAt.put(user, System.nanoTime());
            MessageProperties properties = new MessageProperties();
            properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            rabbit.send(topology.commandsExchangeName(), VoiceSetup.TYPE, new Message(JSON.writeValueAsBytes(setup), properties));
        }
        return done[0].await(60, TimeUnit.SECONDS);
    }

    /** p50/p99 of one publish → consume hop through the broker, 200 messages at the same pace. */
    private static String referenceHop(RabbitAdmin admin, RabbitTemplate rabbit, ConnectionFactory connections,
            ChorusTopology topology) throws InterruptedException {
        Queue queue = QueueBuilder.nonDurable(topology.namespace() + ".bench-echo").autoDelete().build();
        admin.declareQueue(queue);
        Histogram hop = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        CountDownLatch received = new CountDownLatch(200);
        DirectMessageListenerContainer echo = new DirectMessageListenerContainer(connections);
        echo.setQueueNames(queue.getName());
        echo.setMessageListener(message -> {
            long sent = Long.parseLong(new String(message.getBody()));
            synchronized (hop) {
                hop.recordValue((System.nanoTime() - sent) / 1000);
            }
            received.countDown();
        });
        echo.start();
        for (int i = 0; i < 200; i++) {
            rabbit.send("", queue.getName(), new Message(Long.toString(System.nanoTime()).getBytes()));
            Thread.sleep(5);
        }
        received.await(30, TimeUnit.SECONDS);
        echo.stop();
        return String.format("bare RabbitMQ hop p50 %.2f ms, p99 %.2f ms", hop.getValueAtPercentile(50) / 1000.0,
                hop.getValueAtPercentile(99) / 1000.0);
    }

    private static Map<String, String> common(String ns) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("chorus.messaging.namespace", ns);
        settings.put("chorus.redis.key-prefix", ns + ":");
        settings.put("spring.data.redis.host", ChorusTestServers.redis().host());
        settings.put("spring.data.redis.port", Integer.toString(ChorusTestServers.redis().port()));
        settings.put("spring.rabbitmq.host", ChorusTestServers.rabbit().host());
        settings.put("spring.rabbitmq.port", Integer.toString(ChorusTestServers.rabbit().port()));
        settings.put("logging.level.dev.chorus", "WARN");
        return settings;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private JoinToVoiceReady() {
    }
}
