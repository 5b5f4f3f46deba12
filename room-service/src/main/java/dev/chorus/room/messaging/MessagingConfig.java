package dev.chorus.room.messaging;

import dev.chorus.contracts.commands.PresenceLost;
import dev.chorus.contracts.commands.RoomIdle;
import dev.chorus.contracts.commands.VoiceAnswer;
import dev.chorus.contracts.commands.VoiceRoleChanged;
import dev.chorus.contracts.commands.VoiceRoomEnded;
import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.commands.VoiceTeardown;
import dev.chorus.contracts.messaging.ChorusTopology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * room-service publishes room events and voice commands and consumes presence-lost and room-idle. It
 * declares the command queues (declarations are idempotent; worker-service declares the same), so a
 * command published before any worker started is kept, not dropped.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfig {

    @Bean
    Declarables chorusCommandQueues(ChorusTopology topology) {
        return topology.commandQueues(VoiceSetup.TYPE, VoiceTeardown.TYPE, VoiceRoleChanged.TYPE,
                VoiceRoomEnded.TYPE, VoiceAnswer.TYPE, PresenceLost.TYPE, RoomIdle.TYPE);
    }

    @Bean
    MessageConverter chorusMessageConverter(JsonMapper json) {
        return new JacksonJsonMessageConverter(json);
    }
}
