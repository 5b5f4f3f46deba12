package dev.chorus.media.peer;

/**
 * The bytes a synthetic peer puts in packet {@code seq} of stream {@code ssrc}: a deterministic
 * function of both, so a receiver checks every payload on its own (no shared state with the
 * sender) and a bridge that alters, truncates or swaps payloads is caught per packet.
 */
final class PayloadPattern {

    private final int minBytes;
    private final int maxBytes;

    PayloadPattern(int minBytes, int maxBytes) {
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
    }

    int length(int ssrc, int seq) {
        return minBytes + Math.floorMod(mix(ssrc, seq), maxBytes - minBytes + 1);
    }

    /** Writes the payload of packet {@code seq} and returns its length. */
    int write(byte[] buf, int off, int ssrc, int seq) {
        int len = length(ssrc, seq);
        int state = mix(ssrc, seq);
        for (int i = 0; i < len; i++) {
            state = state * 1_103_515_245 + 12_345;
            buf[off + i] = (byte) (state >>> 24);
        }
        return len;
    }

    /** Whether {@code buf[off, off+len)} is exactly the payload of packet {@code seq}. */
    boolean matches(byte[] buf, int off, int len, int ssrc, int seq) {
        if (len != length(ssrc, seq)) {
            return false;
        }
        int state = mix(ssrc, seq);
        for (int i = 0; i < len; i++) {
            state = state * 1_103_515_245 + 12_345;
            if (buf[off + i] != (byte) (state >>> 24)) {
                return false;
            }
        }
        return true;
    }

    private static int mix(int ssrc, int seq) {
        int h = ssrc * 0x9E3779B1 ^ seq * 0x85EBCA6B;
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        return h ^ (h >>> 15);
    }
}
