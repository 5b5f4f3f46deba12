package dev.chorus.worker;

import dev.chorus.contracts.commands.Command;
import dev.chorus.contracts.messaging.ChorusTopology;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sends commands and events the way room-service and signaling-service do, and reads the worker's counters. */
public final class WorkerTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private WorkerTestSupport() {
    }

    public static void send(RabbitTemplate rabbit, ChorusTopology topology, Command command) {
        sendRaw(rabbit, topology.commandsExchangeName(), command.type(), JSON.writeValueAsBytes(command));
    }

    public static void sendRaw(RabbitTemplate rabbit, String exchange, String routingKey, byte[] body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(exchange, routingKey, new Message(body, properties));
    }

    public static byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    public static JsonNode read(byte[] body) {
        return JSON.readTree(body);
    }

    public static double count(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
