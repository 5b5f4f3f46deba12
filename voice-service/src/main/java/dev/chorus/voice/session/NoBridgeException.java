package dev.chorus.voice.session;

/** No bridge of the member's region accepts new rooms. */
public class NoBridgeException extends RuntimeException {

    public NoBridgeException(String region) {
        super("no healthy bridge in region " + region);
    }
}
