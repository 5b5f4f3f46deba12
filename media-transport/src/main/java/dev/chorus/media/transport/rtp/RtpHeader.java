package dev.chorus.media.transport.rtp;

/**
 * Reads and writes RTP header fields (RFC 3550 section 5.1) in place in a byte array, without
 * allocating: the forwarding path works on raw datagrams. Offsets are the packet's start.
 */
public final class RtpHeader {

    public static final int FIXED_LENGTH = 12;

    private RtpHeader() {
    }

    /**
     * RTP vs RTCP on a shared port (RFC 5761 section 4): RTCP packet types 192-223 sit where
     * RTP's marker bit and payload type are; audio payload types never fall in 64-95.
     */
    public static boolean isRtcp(byte[] buf, int off, int len) {
        if (len < 2) {
            return false;
        }
        int pt = buf[off + 1] & 0xff;
        return pt >= 192 && pt <= 223;
    }

    /** Version 2, at least a fixed header, and CSRCs and extension inside {@code len}. */
    public static boolean isValid(byte[] buf, int off, int len) {
        return len >= FIXED_LENGTH && (buf[off] & 0xc0) == 0x80 && headerLength(buf, off, len) > 0;
    }

    public static boolean marker(byte[] buf, int off) {
        return (buf[off + 1] & 0x80) != 0;
    }

    public static int payloadType(byte[] buf, int off) {
        return buf[off + 1] & 0x7f;
    }

    public static int sequenceNumber(byte[] buf, int off) {
        return ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
    }

    public static void sequenceNumber(byte[] buf, int off, int seq) {
        buf[off + 2] = (byte) (seq >>> 8);
        buf[off + 3] = (byte) seq;
    }

    public static long timestamp(byte[] buf, int off) {
        return readInt(buf, off + 4) & 0xffffffffL;
    }

    public static void timestamp(byte[] buf, int off, long ts) {
        writeInt(buf, off + 4, (int) ts);
    }

    public static int ssrc(byte[] buf, int off) {
        return readInt(buf, off + 8);
    }

    public static void ssrc(byte[] buf, int off, int ssrc) {
        writeInt(buf, off + 8, ssrc);
    }

    public static boolean hasExtension(byte[] buf, int off) {
        return (buf[off] & 0x10) != 0;
    }

    /**
     * Length of the header including CSRCs and the header extension, or -1 when they overrun
     * {@code len}. The payload starts there (padding, if any, is at the end).
     */
    public static int headerLength(byte[] buf, int off, int len) {
        int n = FIXED_LENGTH + 4 * (buf[off] & 0x0f);
        if (hasExtension(buf, off)) {
            if (n + 4 > len) {
                return -1;
            }
            n += 4 + 4 * (((buf[off + n + 2] & 0xff) << 8) | (buf[off + n + 3] & 0xff));
        }
        return n <= len ? n : -1;
    }

    /** Payload length: after the header, without padding; -1 when malformed. */
    public static int payloadLength(byte[] buf, int off, int len) {
        int header = headerLength(buf, off, len);
        if (header < 0) {
            return -1;
        }
        int padding = (buf[off] & 0x20) != 0 ? buf[off + len - 1] & 0xff : 0;
        int payload = len - header - padding;
        return payload >= 0 ? payload : -1;
    }

    /**
     * Writes a fixed header (no CSRC, no extension) and returns its length.
     */
    public static int writeFixed(byte[] buf, int off, boolean marker, int payloadType, int seq, long timestamp,
            int ssrc) {
        buf[off] = (byte) 0x80;
        buf[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7f));
        sequenceNumber(buf, off, seq);
        timestamp(buf, off, timestamp);
        ssrc(buf, off, ssrc);
        return FIXED_LENGTH;
    }

    static int readInt(byte[] b, int o) {
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    static void writeInt(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
