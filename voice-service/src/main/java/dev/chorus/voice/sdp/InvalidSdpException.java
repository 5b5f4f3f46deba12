package dev.chorus.voice.sdp;

/** A browser's SDP answer lacks something the bridge needs, or cannot be read. */
public class InvalidSdpException extends RuntimeException {

    public InvalidSdpException(String message) {
        super(message);
    }
}
