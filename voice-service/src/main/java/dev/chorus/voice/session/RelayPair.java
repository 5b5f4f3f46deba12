package dev.chorus.voice.session;

import java.util.Map;

/**
 * Two relays linking a room's conferences on two bridges, as stored in Redis: bridge {@code a} (the
 * smaller name) holds relay {@code b}, which is ICE-controlling, and bridge {@code b} holds relay
 * {@code a}. Each side's map says which endpoints of the other conference were announced on its relay,
 * with their SSRC (0: no source).
 */
public record RelayPair(String bridgeA, String meetingA, String bridgeB, String meetingB,
        Map<String, Long> announcedOnA, Map<String, Long> announcedOnB) {

    public RelayPair {
        announcedOnA = Map.copyOf(announcedOnA);
        announcedOnB = Map.copyOf(announcedOnB);
    }

    String key() {
        return bridgeA + "|" + bridgeB;
    }

    boolean links(ConferencePlacement a, ConferencePlacement b) {
        return bridgeA.equals(a.bridge()) && meetingA.equals(a.meetingId()) && bridgeB.equals(b.bridge())
                && meetingB.equals(b.meetingId());
    }

    boolean involves(String meetingId) {
        return meetingA.equals(meetingId) || meetingB.equals(meetingId);
    }

    RelayPair withAnnounced(Map<String, Long> onA, Map<String, Long> onB) {
        return new RelayPair(bridgeA, meetingA, bridgeB, meetingB, onA, onB);
    }
}
