package dev.chorus.voice;

import dev.chorus.contracts.messaging.ChorusTopology;
import dev.chorus.contracts.messaging.UserEventPublisher;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/** voice-service publishes user events (moved or refreshed sessions) to the room-events exchange. */
@Configuration(proxyBeanMethods = false)
class MessagingConfig {

    @Bean
    ChorusTopology chorusTopology(
            @Value("${chorus.messaging.namespace:" + ChorusTopology.DEFAULT_NAMESPACE + "}") String namespace) {
        return new ChorusTopology(namespace);
    }

    @Bean
    Declarables voiceExchanges(ChorusTopology topology) {
        return topology.exchanges();
    }

    @Bean
    UserEventPublisher userEventPublisher(RabbitTemplate rabbit, ChorusTopology topology, JsonMapper json) {
        return new UserEventPublisher(rabbit, topology, json);
    }
}
