package dev.chorus.signaling.frame;

/** A client frame that cannot be acted on; becomes an {@code error} frame, nothing else happens. */
public class FrameException extends RuntimeException {

    private final ErrorCode code;
    private final String ref;

    public FrameException(ErrorCode code, String message, String ref) {
        super(message);
        this.code = code;
        this.ref = ref;
    }

    public FrameException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    public ServerFrame.Error toFrame() {
        return ServerFrame.Error.of(code, getMessage(), ref);
    }
}
