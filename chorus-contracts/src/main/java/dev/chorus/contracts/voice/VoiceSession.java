package dev.chorus.contracts.voice;

import java.util.List;

/**
 * What a browser needs to join a room's audio on a bridge.
 *
 * <p>{@code sdpOffer} is a complete SDP offer built by voice-service from the bridge's Colibri2
 * answer: the bridge's ICE credentials and candidates, its DTLS fingerprint (setup {@code actpass}),
 * Opus at 48 kHz with in-band FEC, the RFC 6464 audio level extension, and one receive-only audio
 * section per speaker source in {@code sources} (plus one send section when {@code canSend}).
 * The browser applies it as the remote description, creates an answer and sends the answer's SDP
 * back in a {@code voice-answer} frame quoting {@code sessionId}. A new {@code voice-ready} for the
 * same room replaces the previous session.
 *
 * @param sessionId the bridge endpoint this session is for; answers must quote it
 * @param roomId    the room
 * @param region    the region of the bridge the member was placed on
 * @param bridge    the bridge's public name, for diagnostics
 * @param canSend   whether the member may send audio (speakers, moderators, host); listeners are
 *                  force-muted at the bridge whatever their browser sends
 * @param sdpOffer  the SDP offer to apply as remote description
 * @param sources   the audio sources the offer describes, so the client can tell who is who
 */
public record VoiceSession(String sessionId, String roomId, String region, String bridge, boolean canSend,
        String sdpOffer, List<AudioSource> sources) {

    /** One speaker's audio stream as the bridge forwards it. */
    public record AudioSource(long ssrc, String userId, String mid) {
    }
}
