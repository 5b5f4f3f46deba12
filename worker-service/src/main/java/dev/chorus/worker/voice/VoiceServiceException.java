package dev.chorus.worker.voice;

/**
 * voice-service refused or failed a request. {@code code} is the problem code it answered
 * ({@code no-bridge}, {@code bridge-error}, {@code invalid-sdp}, {@code unknown-session}, ...), or
 * {@code unreachable} when it did not answer.
 */
public class VoiceServiceException extends RuntimeException {

    private final int status;
    private final String code;

    public VoiceServiceException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Trying again later may succeed: voice-service or its bridge is unreachable or failing. */
    public boolean transientFailure() {
        return status == 0 || status >= 500;
    }
}
