package dev.chorus.voice.failover;

import dev.chorus.contracts.events.VoiceFailed;
import dev.chorus.contracts.events.VoiceReady;
import dev.chorus.voice.VoiceProperties;
import dev.chorus.voice.bridge.BridgeLostListener;
import dev.chorus.voice.session.MemberVoice;
import dev.chorus.voice.session.NoBridgeException;
import dev.chorus.contracts.messaging.UserEventPublisher;
import dev.chorus.voice.session.VoiceSessions;
import dev.chorus.voice.session.VoiceStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves every member of a lost bridge to a healthy bridge of their region and tells each of them:
 * a new voice-ready, or voice-failed when no bridge of the region can take them. Nobody is left
 * silent without being told. Then the room's relays are rebuilt around its new conferences.
 */
@Component
class BridgeFailover implements BridgeLostListener {

    private static final Logger log = LoggerFactory.getLogger(BridgeFailover.class);

    private final VoiceStore store;
    private final VoiceSessions sessions;
    private final UserEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    BridgeFailover(VoiceStore store, VoiceSessions sessions, UserEventPublisher events) {
        this.store = store;
        this.sessions = sessions;
        this.events = events;
    }

    @Override
    public void bridgeLost(VoiceProperties.Bridge bridge) {
        for (String roomId : store.roomsOn(bridge.name())) {
            store.conferences(roomId).stream().filter(p -> p.bridge().equals(bridge.name()))
                    .forEach(p -> store.forgetConference(roomId, p));
            for (MemberVoice member : store.members(roomId)) {
                if (member.bridge().equals(bridge.name())) {
                    move(roomId, member, bridge);
                }
            }
            sessions.relink(roomId);
        }
    }

    private void move(String roomId, MemberVoice member, VoiceProperties.Bridge lost) {
        try {
            sessions.moveOffLostBridge(roomId, member.userId(), lost.name()).ifPresent(session -> {
                events.publish(new VoiceReady(member.userId(), roomId, clock.instant(), session));
                log.info("Moved user {} in room {} from lost bridge {} to {}", member.userId(), roomId, lost.name(),
                        session.bridge());
            });
        } catch (RuntimeException e) {
            String reason = e instanceof NoBridgeException ? "no-bridge" : "bridge-error";
            log.warn("Could not move user {} in room {} off lost bridge {}: {}", member.userId(), roomId, lost.name(),
                    e.getMessage());
            events.publish(new VoiceFailed(member.userId(), roomId, clock.instant(), reason,
                    "The voice bridge of this room stopped and no other bridge could take over: " + e.getMessage()));
        }
    }
}
