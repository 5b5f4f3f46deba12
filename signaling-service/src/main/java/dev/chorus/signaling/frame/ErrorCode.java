package dev.chorus.signaling.frame;

/** Reason codes of {@code error} frames; the wire name is stable, clients switch on it. */
public enum ErrorCode {
    /** The access token expired or room-service no longer accepts it: reconnect with a fresh token. */
    UNAUTHENTICATED("unauthenticated"),
    /** Not JSON, no {@code type}, or a required field missing or of the wrong kind. */
    MALFORMED("malformed"),
    /** The frame is larger than {@code chorus.signaling.max-frame-size}. */
    OVERSIZED("oversized"),
    UNKNOWN_TYPE("unknown-type"),
    /** The room does not exist or the user is not one of its members (join over REST first). */
    NOT_A_MEMBER("not-a-member"),
    /** The frame needs a subscription to the room first. */
    NOT_SUBSCRIBED("not-subscribed"),
    /** room-service refused the change (a rule of the room, e.g. a listener cannot unmute). */
    REJECTED("rejected"),
    /** room-service could not be reached or failed: try again later. */
    UNAVAILABLE("unavailable");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
