package dev.chorus.launcher.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.launcher.LauncherProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The embedded servers, reached over real connections by the clients the services use. */
class EmbeddedServersTest {

    @TempDir
    Path dataDir;

    private LauncherProperties properties() {
        return new LauncherProperties(0, "127.0.0.1", dataDir, 0, 0, 0, 0, "", List.of());
    }

    @Test
    void redisKeepsItsDataOverARestart() {
        EmbeddedRedis redis = new EmbeddedRedis(properties());
        redis.start();
        try {
            withRedis(redis.port(), template -> template.opsForValue().set("room:r1:title", "Morning show"));
        } finally {
            redis.stop();
        }
        EmbeddedRedis again = new EmbeddedRedis(properties());
        again.start();
        try {
            withRedis(again.port(), template ->
                    assertThat(template.opsForValue().get("room:r1:title")).isEqualTo("Morning show"));
        } finally {
            again.stop();
        }
    }

    @Test
    void redisStopsTheServerAnEarlierLauncherLeftRunningOnTheSameData() throws Exception {
        EmbeddedRedis abandoned = new EmbeddedRedis(properties());
        abandoned.start(); // and never stopped, as when the JVM is killed
        ProcessHandle leftover = ProcessHandle.of(abandoned.pid()).orElseThrow();
        EmbeddedRedis next = new EmbeddedRedis(properties());
        next.start();
        try {
            assertThat(leftover.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
            withRedis(next.port(), template -> assertThat(template.opsForValue().increment("starts")).isEqualTo(1));
        } finally {
            next.stop();
        }
    }

    private void withRedis(int port, java.util.function.Consumer<StringRedisTemplate> use) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        try {
            use.accept(new StringRedisTemplate(factory));
        } finally {
            factory.destroy();
        }
    }

    @Test
    void mongoKeepsItsDocumentsInAFileOverARestart() {
        EmbeddedMongo mongo = new EmbeddedMongo(properties());
        mongo.start();
        try (MongoClient client = MongoClients.create(mongo.uri())) {
            client.getDatabase(EmbeddedMongo.DATABASE).getCollection("rooms")
                    .insertOne(new Document("_id", "r1").append("title", "Morning show"));
        } finally {
            mongo.stop();
        }
        assertThat(dataDir.resolve("mongo.mv")).isNotEmptyFile();

        EmbeddedMongo again = new EmbeddedMongo(properties());
        again.start();
        try (MongoClient client = MongoClients.create(again.uri())) {
            Document room = client.getDatabase(EmbeddedMongo.DATABASE).getCollection("rooms")
                    .find(new Document("_id", "r1")).first();
            assertThat(room).isNotNull();
            assertThat(room.getString("title")).isEqualTo("Morning show");
        } finally {
            again.stop();
        }
    }

    /**
     * What the services ask of RabbitMQ, asked of the embedded broker through Spring AMQP: the
     * shared topology (topic and direct exchanges, work queues with dead-letter arguments),
     * publisher confirms, a server-named exclusive queue bound by routing pattern, and rejection
     * without requeue into the dead-letter queue.
     */
    @Test
    void brokerServesTheChorusTopologyToSpringAmqp() throws Exception {
        EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(properties());
        broker.start();
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", broker.port());
        connections.setUsername(EmbeddedAmqpBroker.USERNAME);
        connections.setPassword(broker.password());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        List<SimpleMessageListenerContainer> containers = new java.util.ArrayList<>();
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            ChorusTopology topology = new ChorusTopology("launchertest");
            topology.exchanges().getDeclarables().forEach(d -> declare(admin, d));
            topology.commandQueues("voice-setup").getDeclarables().forEach(d -> declare(admin, d));
            AnonymousQueue nodeQueue = new AnonymousQueue();
            admin.declareQueue(nodeQueue);
            admin.declareBinding(topology.roomBinding(nodeQueue, "r1"));
            // A signaling node consumes its own queue with a listener container, as here.
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(connections);
            listener.setQueues(nodeQueue);
            listener.setMessageListener(message -> received.add(new String(message.getBody())));
            listener.start();
            containers.add(listener);

            RabbitTemplate template = new RabbitTemplate(connections);
            CorrelationData confirm = new CorrelationData("e1");
            template.send(topology.roomEventsExchangeName(), ChorusTopology.roomRoutingKey("r1", "room-created"),
                    text("{\"type\":\"room-created\"}"), confirm);
            assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();
            template.send(topology.roomEventsExchangeName(), ChorusTopology.roomRoutingKey("r2", "room-created"),
                    text("{\"type\":\"other-room\"}"));

            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"room-created\"}");
            assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("another room's event").isNull();

            template.send(topology.commandsExchangeName(), "voice-setup", text("{\"type\":\"voice-setup\"}"));
            template.execute(channel -> {
                var delivery = awaitDelivery(channel, topology.commandQueueName("voice-setup"));
                channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);
                return null;
            });
            Message dead = template.receive(topology.deadLetterQueueName("voice-setup"), 10_000);
            assertThat(dead).as("rejected command in its dead-letter queue").isNotNull();
            assertThat(new String(dead.getBody())).isEqualTo("{\"type\":\"voice-setup\"}");
            assertThat(template.receive(topology.commandQueueName("voice-setup"), 500))
                    .as("a rejected command is not redelivered").isNull();
        } finally {
            containers.forEach(SimpleMessageListenerContainer::stop);
            connections.destroy();
            broker.stop();
        }
    }

    private static void declare(RabbitAdmin admin, org.springframework.amqp.core.Declarable declarable) {
        if (declarable instanceof org.springframework.amqp.core.Exchange exchange) {
            admin.declareExchange(exchange);
        } else if (declarable instanceof org.springframework.amqp.core.Queue queue) {
            admin.declareQueue(queue);
        } else if (declarable instanceof org.springframework.amqp.core.Binding binding) {
            admin.declareBinding(binding);
        } else {
            throw new IllegalArgumentException(declarable.toString());
        }
    }

    private static com.rabbitmq.client.GetResponse awaitDelivery(com.rabbitmq.client.Channel channel, String queue)
            throws Exception {
        for (int i = 0; i < 100; i++) {
            com.rabbitmq.client.GetResponse response = channel.basicGet(queue, false);
            if (response != null) {
                return response;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing arrived in " + queue);
    }

    private static Message text(String json) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        return new Message(json.getBytes(), properties);
    }
}
