package dev.chorus.room.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names shared with the other services' deployments: the RabbitMQ namespace
 * ({@code chorus.messaging.namespace}) and the prefix of every Redis key ({@code chorus.redis.key-prefix}).
 */
@ConfigurationProperties("chorus")
public record ChorusNames(@DefaultValue Messaging messaging, @DefaultValue Redis redis) {

    public record Messaging(@DefaultValue("chorus") String namespace) {
    }

    public record Redis(@DefaultValue("chorus:") String keyPrefix) {
    }
}
