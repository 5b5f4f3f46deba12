package dev.chorus.room.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names shared with the other services' deployments: the prefix of every Redis key
 * ({@code chorus.redis.key-prefix}). The RabbitMQ namespace ({@code chorus.messaging.namespace}) is
 * read by chorus-contracts' messaging auto-configuration, as in every service.
 */
@ConfigurationProperties("chorus")
public record ChorusNames(@DefaultValue Redis redis) {

    public record Redis(@DefaultValue("chorus:") String keyPrefix) {
    }
}
