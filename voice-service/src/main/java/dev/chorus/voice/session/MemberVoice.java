package dev.chorus.voice.session;

import dev.chorus.voice.colibri.IceTransport;

/**
 * One member's endpoint in a room, as stored in Redis.
 *
 * @param endpointId the bridge endpoint, also the session id the browser quotes
 * @param transport  the bridge side of the endpoint's transport, to write offers again later
 * @param moderator  whether the member moderates the room (the bridge's {@code muc-role})
 * @param canSend    whether the member's audio is let through (not force-muted by role)
 * @param muted      whether the member is muted (by a moderator or themselves)
 * @param ssrc       the SSRC the member's browser announced for its microphone; 0 until known
 * @param version    increases with every offer written for this endpoint (SDP {@code o=} version)
 */
public record MemberVoice(String userId, String region, String bridge, String meetingId, String endpointId,
        IceTransport transport, boolean moderator, boolean canSend, boolean muted, long ssrc, long version) {

    public boolean forceMuted() {
        return !canSend || muted;
    }

    /** The member with a new role; the offer changes (new version) only when sending is allowed or stopped. */
    public MemberVoice withRole(boolean moderator, boolean canSend, boolean muted) {
        long nextVersion = canSend == this.canSend ? version : version + 1;
        return new MemberVoice(userId, region, bridge, meetingId, endpointId, transport, moderator, canSend, muted,
                canSend ? ssrc : 0, nextVersion);
    }

    public MemberVoice withSsrc(long ssrc) {
        return new MemberVoice(userId, region, bridge, meetingId, endpointId, transport, moderator, canSend, muted, ssrc, version);
    }

    public MemberVoice nextVersion() {
        return new MemberVoice(userId, region, bridge, meetingId, endpointId, transport, moderator, canSend, muted, ssrc, version + 1);
    }
}
