package dev.chorus.voice;

import dev.chorus.contracts.messaging.ChorusTopology;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.context.TestComponent;

/** Opens {@link UserEventInbox}es on the test context's broker; a test class brings it in with {@code @Import}. */
@TestComponent
public class UserEventInboxes {

    private final AmqpAdmin admin;
    private final RabbitTemplate rabbit;
    private final ChorusTopology topology;

    UserEventInboxes(AmqpAdmin admin, RabbitTemplate rabbit, ChorusTopology topology) {
        this.admin = admin;
        this.rabbit = rabbit;
        this.topology = topology;
    }

    /** Every user event of {@code userId} published from now on. */
    public UserEventInbox of(String userId) {
        return new UserEventInbox(admin, rabbit, topology, userId);
    }
}
