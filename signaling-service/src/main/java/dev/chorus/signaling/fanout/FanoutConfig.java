package dev.chorus.signaling.fanout;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FanoutConfig {

    /** A single consumer: events of a room leave this node in the order the queue holds them. */
    @Bean
    SimpleMessageListenerContainer nodeEventListener(ConnectionFactory connectionFactory, Queue nodeEventQueue,
            EventFanout fanout) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueues(nodeEventQueue);
        container.setConcurrentConsumers(1);
        container.setExclusive(true);
        container.setPrefetchCount(250);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setMessageListener(fanout);
        return container;
    }
}
