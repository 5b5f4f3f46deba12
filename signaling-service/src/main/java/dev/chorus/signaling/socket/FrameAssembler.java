package dev.chorus.signaling.socket;

import dev.chorus.signaling.frame.ErrorCode;
import dev.chorus.signaling.frame.FrameException;

/**
 * Joins the parts of one text message as the container hands them over, so that the container
 * buffer can stay small and a message of any size is answered with an {@code oversized} error
 * rather than a dropped socket. Used by one socket's reading thread only.
 */
final class FrameAssembler {

    private final int maxChars;
    private StringBuilder parts;
    private int length;
    private boolean oversized;

    FrameAssembler(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * @return the whole message when {@code last}, otherwise null
     * @throws FrameException with {@link ErrorCode#OVERSIZED} at the last part of a message over the limit
     */
    String accept(String part, boolean last) {
        length += part.length();
        if (length > maxChars) {
            oversized = true;
            parts = null;
        } else if (!last || parts != null) {
            if (parts == null) {
                parts = new StringBuilder();
            }
            parts.append(part);
        }
        if (!last) {
            return null;
        }
        String whole = oversized ? null : parts != null ? parts.toString() : part;
        boolean wasOversized = oversized;
        parts = null;
        length = 0;
        oversized = false;
        if (wasOversized) {
            throw new FrameException(ErrorCode.OVERSIZED, "Frames may have at most " + maxChars + " characters");
        }
        return whole;
    }
}
