package dev.chorus.worker.command;

import dev.chorus.contracts.commands.Command;
import dev.chorus.contracts.commands.VoiceAnswer;
import dev.chorus.contracts.commands.VoiceRoleChanged;
import dev.chorus.contracts.commands.VoiceRoomEnded;
import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.commands.VoiceTeardown;
import dev.chorus.contracts.events.VoiceFailed;
import dev.chorus.contracts.events.VoiceReady;
import dev.chorus.contracts.voice.VoiceSession;
import dev.chorus.contracts.messaging.UserEventPublisher;
import dev.chorus.worker.voice.VoiceServiceClient;
import dev.chorus.worker.voice.VoiceServiceException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What each voice command does, through voice-service. Handlers are idempotent: voice-service answers
 * the existing session to a second setup, and a command older than the member's newest applied one is
 * skipped ({@link MemberSeqGuard}). A refusal that cannot change (bad SDP, unknown session) becomes
 * voice-failed for the member, not a retry.
 */
@Component
class VoiceCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(VoiceCommandHandler.class);

    enum Outcome { HANDLED, STALE }

    private final VoiceServiceClient voice;
    private final UserEventPublisher events;
    private final MemberSeqGuard seqGuard;
    private final WorkerMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    VoiceCommandHandler(VoiceServiceClient voice, UserEventPublisher events, MemberSeqGuard seqGuard, WorkerMetrics metrics) {
        this.voice = voice;
        this.events = events;
        this.seqGuard = seqGuard;
        this.metrics = metrics;
    }

    Outcome handle(Command command) {
        if (command instanceof VoiceSetup setup) {
            return setup(setup);
        } else if (command instanceof VoiceTeardown teardown) {
            return teardown(teardown);
        } else if (command instanceof VoiceRoleChanged change) {
            return roleChanged(change);
        } else if (command instanceof VoiceRoomEnded ended) {
            return roomEnded(ended);
        } else if (command instanceof VoiceAnswer answer) {
            return answer(answer);
        }
        throw new PermanentFailure(command.type() + " is not a command worker-service handles", null);
    }

    /** Tells the member their voice could not be set up, once a command for them is given up. */
    void giveUp(Command command, String reason, String message) {
        String[] target = null;
        if (command instanceof VoiceSetup s) {
            target = new String[] {s.userId(), s.roomId()};
        } else if (command instanceof VoiceRoleChanged c) {
            target = new String[] {c.userId(), c.roomId()};
        } else if (command instanceof VoiceAnswer a) {
            target = new String[] {a.userId(), a.roomId()};
        }
        if (target != null) {
            events.publish(new VoiceFailed(target[0], target[1], clock.instant(), reason, message));
            log.warn("Voice failed for user {} in room {} ({}): {}", target[0], target[1], reason, message);
        }
    }

    private Outcome setup(VoiceSetup setup) {
        if (!seqGuard.claim(setup.roomId(), setup.userId(), setup.seq())) {
            return Outcome.STALE;
        }
        VoiceSession session = permanentAsFailure(() -> voice.openSession(setup.roomId(), setup.userId(), setup.role(),
                setup.muted(), setup.region()));
        events.publish(new VoiceReady(setup.userId(), setup.roomId(), clock.instant(), session));
        metrics.joinToVoiceReady(Duration.between(setup.issuedAt(), clock.instant()));
        log.info("Voice ready for user {} in room {}: endpoint {} on {}", setup.userId(), setup.roomId(),
                session.sessionId(), session.bridge());
        return Outcome.HANDLED;
    }

    private Outcome teardown(VoiceTeardown teardown) {
        if (!seqGuard.claim(teardown.roomId(), teardown.userId(), teardown.seq())) {
            return Outcome.STALE;
        }
        voice.closeSession(teardown.roomId(), teardown.userId());
        return Outcome.HANDLED;
    }

    private Outcome roleChanged(VoiceRoleChanged change) {
        if (!seqGuard.claim(change.roomId(), change.userId(), change.seq())) {
            return Outcome.STALE;
        }
        VoiceServiceClient.RoleUpdate update;
        try {
            update = permanentAsFailure(() -> voice.changeRole(change.roomId(), change.userId(), change.role(), change.muted()));
        } catch (PermanentFailure e) {
            if (!isUnknownSession(e)) {
                throw e;
            }
            // The role change overtook the member's setup, which is now older and will be skipped:
            // set the session up here, with the new role (in the default region: the setup's is unknown).
            VoiceSession session = permanentAsFailure(() -> voice.openSession(change.roomId(), change.userId(),
                    change.role(), change.muted(), null));
            update = new VoiceServiceClient.RoleUpdate(session, true);
        }
        if (update.renegotiate()) {
            events.publish(new VoiceReady(change.userId(), change.roomId(), clock.instant(), update.session()));
        }
        return Outcome.HANDLED;
    }

    private Outcome roomEnded(VoiceRoomEnded ended) {
        seqGuard.roomEnded(ended.roomId(), ended.seq());
        voice.endRoom(ended.roomId());
        return Outcome.HANDLED;
    }

    private Outcome answer(VoiceAnswer answer) {
        try {
            permanentAsFailure(() -> {
                voice.applyAnswer(answer.roomId(), answer.userId(), answer.sessionId(), answer.sdp());
                return null;
            });
        } catch (PermanentFailure e) {
            if (isUnknownSession(e)) {
                return Outcome.STALE; // an answer to a session since replaced (failover) or closed: nothing to undo
            }
            throw e;
        }
        return Outcome.HANDLED;
    }

    private static boolean isUnknownSession(PermanentFailure e) {
        return e.getCause() instanceof VoiceServiceException v && "unknown-session".equals(v.code());
    }

    private static <T> T permanentAsFailure(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (VoiceServiceException e) {
            if (e.transientFailure()) {
                throw e;
            }
            throw new PermanentFailure(e.code() + ": " + e.getMessage(), e);
        }
    }
}
