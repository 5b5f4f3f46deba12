package dev.chorus.signaling.messaging;

import dev.chorus.contracts.messaging.ChorusTopology;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.stereotype.Component;

/**
 * Binds this node's queue to exactly the rooms and users it serves. Callers bind on a room's first
 * local subscriber (a user's first socket) and unbind after the last. The queue disappears with a
 * broker connection, so after a reconnect every current binding is declared again.
 */
@Component
public class NodeQueueBindings implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(NodeQueueBindings.class);

    private final AmqpAdmin admin;
    private final ChorusTopology topology;
    private final Queue queue;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final Set<String> users = ConcurrentHashMap.newKeySet();

    NodeQueueBindings(AmqpAdmin admin, ChorusTopology topology, Queue nodeEventQueue, ConnectionFactory connections) {
        this.admin = admin;
        this.topology = topology;
        this.queue = nodeEventQueue;
        connections.addConnectionListener(this);
    }

    public String queueName() {
        return queue.getName();
    }

    public void bindRoom(String roomId) {
        admin.declareBinding(topology.roomBinding(queue, roomId));
        rooms.add(roomId);
        log.debug("Queue {} now receives room {}", queue.getName(), roomId);
    }

    public void unbindRoom(String roomId) {
        rooms.remove(roomId);
        admin.removeBinding(topology.roomBinding(queue, roomId));
        log.debug("Queue {} no longer receives room {}", queue.getName(), roomId);
    }

    public void bindUser(String userId) {
        admin.declareBinding(topology.userBinding(queue, userId));
        users.add(userId);
    }

    public void unbindUser(String userId) {
        users.remove(userId);
        admin.removeBinding(topology.userBinding(queue, userId));
    }

    @Override
    public void onCreate(Connection connection) {
        if (rooms.isEmpty() && users.isEmpty()) {
            return;
        }
        log.info("Broker connection (re)opened: declaring queue {} and its {} room and {} user bindings again",
                queue.getName(), rooms.size(), users.size());
        admin.declareQueue(queue);
        rooms.forEach(room -> admin.declareBinding(topology.roomBinding(queue, room)));
        users.forEach(user -> admin.declareBinding(topology.userBinding(queue, user)));
    }
}
