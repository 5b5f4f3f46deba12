package dev.chorus.voice.colibri;

/**
 * A bridge refused a Colibri2 request or could not be reached. {@code status} is the HTTP status, or 0
 * when no answer came; {@code bridgeMessage} is what the bridge said (the title of its HTML error page,
 * or empty: Jitsi Videobridge often answers errors with an empty body).
 */
public class Colibri2Exception extends RuntimeException {

    private final String bridge;
    private final int status;
    private final String bridgeMessage;

    public Colibri2Exception(String bridge, int status, String bridgeMessage, Throwable cause) {
        super("bridge " + bridge + (status == 0 ? " unreachable" : " answered " + status)
                + (bridgeMessage.isEmpty() ? "" : ": " + bridgeMessage), cause);
        this.bridge = bridge;
        this.status = status;
        this.bridgeMessage = bridgeMessage;
    }

    public String bridge() {
        return bridge;
    }

    public int status() {
        return status;
    }

    public String bridgeMessage() {
        return bridgeMessage;
    }

    /** The conference or endpoint does not exist (any more) on the bridge. */
    public boolean notFound() {
        return status == 404;
    }

    /** The bridge refused our credentials (401): it is unusable until its API token is configured right. */
    public boolean unauthorized() {
        return status == 401;
    }

    /** The bridge did not answer, or failed on its side: trying again, maybe elsewhere, may help. */
    public boolean transientFailure() {
        return status == 0 || status >= 500;
    }
}
