package dev.chorus.launcher.embedded;

import java.util.Map;
import org.apache.qpid.server.model.AbstractConfigurationChangeListener;
import org.apache.qpid.server.model.AlternateBinding;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives Qpid the dead-lettering that Chorus asks of RabbitMQ. Qpid Broker-J does not understand the
 * {@code x-dead-letter-exchange} queue argument (the broker is told to log and drop it); its own
 * equivalent is a queue's alternate binding, where a message goes once it has used up its
 * delivery attempts. Chorus
 * names its queues by one shared convention ({@code ChorusTopology}): work queue
 * {@code <ns>.<type>}, dead-letter exchange {@code <ns>.commands.dlx} declared before it. So when
 * such a work queue appears, this points its alternate binding at that exchange, and a rejected
 * command reaches {@code <ns>.<type>.dlq} through the exchange's binding, as on RabbitMQ.
 */
final class DeadLetterRouting extends AbstractConfigurationChangeListener {

    static final String DEAD_LETTER_EXCHANGE_SUFFIX = ".commands.dlx";
    private static final String DEAD_LETTER_QUEUE_SUFFIX = ".dlq";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterRouting.class);

    private final VirtualHost<?> virtualHost;

    DeadLetterRouting(VirtualHost<?> virtualHost) {
        this.virtualHost = virtualHost;
    }

    void install() {
        virtualHost.addChangeListener(this);
    }

    @Override
    public void childAdded(ConfiguredObject<?> parent, ConfiguredObject<?> child) {
        if (!(child instanceof Queue<?> queue) || queue.getName().endsWith(DEAD_LETTER_QUEUE_SUFFIX)
                || queue.getAlternateBinding() != null) {
            return;
        }
        for (Exchange<?> exchange : virtualHost.getChildren(Exchange.class)) {
            String exchangeName = exchange.getName();
            if (!exchangeName.endsWith(DEAD_LETTER_EXCHANGE_SUFFIX)) {
                continue;
            }
            String namespace = exchangeName.substring(0, exchangeName.length() - DEAD_LETTER_EXCHANGE_SUFFIX.length());
            if (queue.getName().startsWith(namespace + ".")) {
                queue.setAttributes(Map.of(
                        Queue.ALTERNATE_BINDING, Map.of(AlternateBinding.DESTINATION, exchangeName),
                        // Qpid requeues a message rejected over AMQP 0-9-1 and dead-letters it only
                        // when it would be delivered again past this limit. Retries happen inside the
                        // consuming service (bounded), so one delivery is what RabbitMQ gives too.
                        Queue.MAXIMUM_DELIVERY_ATTEMPTS, 1));
                log.debug("Queue {} dead-letters to {}", queue.getName(), exchangeName);
                return;
            }
        }
    }
}
