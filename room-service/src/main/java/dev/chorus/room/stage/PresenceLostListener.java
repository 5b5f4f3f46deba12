package dev.chorus.room.stage;

import dev.chorus.contracts.commands.PresenceLost;
import dev.chorus.contracts.events.LeaveReason;
import dev.chorus.room.system.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Removes members whose socket closed and did not come back within signaling's grace period, by the
 * same rules as leaving (the host role passes on; the last moderator leaving ends the room). A member
 * who already left is not an error: the command may be delivered twice.
 */
@Component
class PresenceLostListener {

    private static final Logger log = LoggerFactory.getLogger(PresenceLostListener.class);

    private final StageService stage;

    PresenceLostListener(StageService stage) {
        this.stage = stage;
    }

    @RabbitListener(queues = "#{chorusTopology.commandQueueName('presence-lost')}")
    void onPresenceLost(PresenceLost command) {
        for (String roomId : command.roomIds()) {
            try {
                stage.leave(roomId, command.userId(), LeaveReason.PRESENCE_LOST);
            } catch (ApiProblem gone) {
                log.info("Presence of {} lost in room {}: nothing to do ({})", command.userId(), roomId, gone.code());
            }
        }
    }
}
