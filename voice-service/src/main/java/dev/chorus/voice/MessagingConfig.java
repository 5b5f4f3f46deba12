package dev.chorus.voice;

import dev.chorus.contracts.messaging.ChorusTopology;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
