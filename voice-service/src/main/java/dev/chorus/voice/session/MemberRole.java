package dev.chorus.voice.session;

import dev.chorus.contracts.events.Role;

/** What the bridge needs to know of a member's role: do they moderate, may they send, are they muted. */
public record MemberRole(boolean moderator, boolean canSend, boolean muted) {

    public static MemberRole of(Role role, boolean muted) {
        return new MemberRole(role.moderates(), role.onStage(), muted);
    }
}
