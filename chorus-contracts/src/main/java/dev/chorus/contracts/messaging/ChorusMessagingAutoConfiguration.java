package dev.chorus.contracts.messaging;

import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service that talks to RabbitMQ shares: the names under {@code chorus.messaging.namespace}
 * (bean {@code chorusTopology}, which listeners name in {@code @RabbitListener} expressions), the
 * exchanges, declared by whoever starts first, and the two publishers. Each service declares only
 * the queues it consumes or must not lose messages for.
 */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnBean(AmqpTemplate.class)
public class ChorusMessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ChorusTopology chorusTopology(
            @Value("${chorus.messaging.namespace:" + ChorusTopology.DEFAULT_NAMESPACE + "}") String namespace) {
        return new ChorusTopology(namespace);
    }

    @Bean
    Declarables chorusExchanges(ChorusTopology topology) {
        return topology.exchanges();
    }

    @Bean
    @ConditionalOnMissingBean
    CommandPublisher commandPublisher(AmqpTemplate amqp, ChorusTopology topology, JsonMapper json) {
        return new CommandPublisher(amqp, topology, json);
    }

    @Bean
    @ConditionalOnMissingBean
    UserEventPublisher userEventPublisher(AmqpTemplate amqp, ChorusTopology topology, JsonMapper json) {
        return new UserEventPublisher(amqp, topology, json);
    }
}
