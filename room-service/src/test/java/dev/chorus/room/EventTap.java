package dev.chorus.room;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.chorus.testsupport.ChorusTestServers;
import dev.chorus.testsupport.ServerAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A queue of the test's own, bound to the room-events exchange or a command queue, read over AMQP. */
final class EventTap implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String queue;

    private EventTap(Connection connection, Channel channel, String queue) {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    /** Binds a fresh queue to {@code <namespace>.room-events} with the given pattern. */
    static EventTap roomEvents(String namespace, String pattern) throws Exception {
        Connection connection = connect();
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(namespace + ".room-events", "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, namespace + ".room-events", pattern);
        return new EventTap(connection, channel, queue);
    }

    /** Reads an existing command work queue. */
    static EventTap commandQueue(String namespace, String commandType) throws Exception {
        Connection connection = connect();
        return new EventTap(connection, connection.createChannel(), namespace + "." + commandType);
    }

    private static Connection connect() throws Exception {
        ServerAddress rabbit = ChorusTestServers.rabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        return factory.newConnection();
    }

    /** Every message that arrives until none has come for a moment, in arrival order. */
    List<JsonNode> drain(Duration quiet) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        long idleSince = System.nanoTime();
        while (System.nanoTime() - idleSince < quiet.toNanos()) {
            GetResponse response = channel.basicGet(queue, true);
            if (response == null) {
                Thread.sleep(20);
                continue;
            }
            messages.add(ApiClient.JSON.readTree(new String(response.getBody(), StandardCharsets.UTF_8)));
            idleSince = System.nanoTime();
        }
        return messages;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
