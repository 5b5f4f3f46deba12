package dev.chorus.voice.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tries again the relays a room could not get: a bridge that refused a relay request, or did not
 * answer it, must not keep the room's regions apart until its next join or leave. Every instance
 * may run it; the room's relay lock makes the attempts take turns and they change nothing twice.
 */
@Component
class RelayRetry {

    private static final Logger log = LoggerFactory.getLogger(RelayRetry.class);

    private final VoiceStore store;
    private final VoiceSessions sessions;

    RelayRetry(VoiceStore store, VoiceSessions sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${chorus.voice.relay-retry-interval:10s}")
    void retryUnlinkedRooms() {
        for (String roomId : store.unlinkedRooms()) {
            try {
                sessions.relink(roomId);
            } catch (RuntimeException e) {
                log.warn("Room {}: relays could not be tried again: {}", roomId, e.getMessage());
            }
        }
    }
}
