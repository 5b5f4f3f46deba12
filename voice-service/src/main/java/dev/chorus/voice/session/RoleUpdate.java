package dev.chorus.voice.session;

import dev.chorus.contracts.voice.VoiceSession;

/**
 * The result of a role or mute change.
 *
 * @param session      the member's session after the change
 * @param renegotiate  whether the offer changed (sending allowed or stopped), so the member must be sent
 *                     a new voice-ready; a mute alone changes only the bridge's force-mute
 */
public record RoleUpdate(VoiceSession session, boolean renegotiate) {
}
