package dev.chorus.room.stage;

import dev.chorus.contracts.commands.RoomIdle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Ends rooms that worker-service saw empty for its configured time. The check that the room is still
 * empty is made again here, atomically with the end: somebody may have joined since the worker looked.
 */
@Component
class IdleRoomListener {

    private static final Logger log = LoggerFactory.getLogger(IdleRoomListener.class);

    private final StageService stage;

    IdleRoomListener(StageService stage) {
        this.stage = stage;
    }

    @RabbitListener(queues = "#{chorusTopology.commandQueueName('room-idle')}")
    void onRoomIdle(RoomIdle command) {
        if (stage.endIdle(command.roomId())) {
            log.info("Room {} was empty since {}: ended", command.roomId(), command.emptySince());
        } else {
            log.info("Room {} reported empty since {} is not an empty live room now: left as it is",
                    command.roomId(), command.emptySince());
        }
    }
}
