package dev.chorus.voice.session;

/** The member has no voice session in the room, or not the one quoted. */
public class UnknownSessionException extends RuntimeException {

    public UnknownSessionException(String message) {
        super(message);
    }
}
