package dev.chorus.worker.command;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Takes the voice commands off their work queues. */
@Component
class CommandConsumer {

    private final CommandProcessor processor;

    CommandConsumer(CommandProcessor processor) {
        this.processor = processor;
    }

    @RabbitListener(id = "worker-commands", concurrency = "${chorus.worker.consumers:8}", queues = {
        "#{@chorusTopology.commandQueueName('voice-setup')}",
        "#{@chorusTopology.commandQueueName('voice-teardown')}",
        "#{@chorusTopology.commandQueueName('role-changed')}",
        "#{@chorusTopology.commandQueueName('voice-room-ended')}",
        "#{@chorusTopology.commandQueueName('voice-answer')}",
    })
    void onCommand(Message message) {
        processor.process(message);
    }
}
