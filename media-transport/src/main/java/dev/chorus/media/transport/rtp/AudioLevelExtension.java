package dev.chorus.media.transport.rtp;

/**
 * The client-to-mixer audio level header extension (RFC 6464) under the one-byte (RFC 8285
 * {@code 0xBEDE}) or two-byte ({@code 0x100x}) header extension formats. The id is what SDP
 * negotiated ({@code a=extmap:<id> urn:ietf:params:rtp-hdrext:ssrc-audio-level}); Chromium uses 1.
 * The level is in -dBov, 0 (loudest) to 127 (silence).
 */
public final class AudioLevelExtension {

    public static final String URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** Returned by {@link #find} when the packet carries no audio level with that id. */
    public static final int NOT_FOUND = -1;
    /** Bytes {@link #writeHeader} writes: fixed header 12 + extension header 4 + element padded 4. */
    public static final int HEADER_LENGTH_WITH_LEVEL = 20;

    private final int id;

    public AudioLevelExtension(int id) {
        if (id < 1 || id > 14) {
            throw new IllegalArgumentException("one-byte header extension ids are 1..14");
        }
        this.id = id;
    }

    public int id() {
        return id;
    }

    /**
     * Finds the audio level element; answers {@code (voiceActivity ? 0x80 : 0) | level}, or
     * {@link #NOT_FOUND}. Allocation-free, safe on malformed input.
     */
    public int find(byte[] buf, int off, int len) {
        if (len < RtpHeader.FIXED_LENGTH || !RtpHeader.hasExtension(buf, off)) {
            return NOT_FOUND;
        }
        int ext = off + RtpHeader.FIXED_LENGTH + 4 * (buf[off] & 0x0f);
        int end = off + len;
        if (ext + 4 > end) {
            return NOT_FOUND;
        }
        int profile = ((buf[ext] & 0xff) << 8) | (buf[ext + 1] & 0xff);
        int extEnd = ext + 4 + 4 * (((buf[ext + 2] & 0xff) << 8) | (buf[ext + 3] & 0xff));
        if (extEnd > end) {
            return NOT_FOUND;
        }
        int pos = ext + 4;
        if (profile == 0xBEDE) {
            while (pos < extEnd) {
                int b = buf[pos] & 0xff;
                if (b == 0) {
                    pos++; // padding
                    continue;
                }
                int elementId = b >>> 4;
                int elementLen = (b & 0x0f) + 1;
                if (elementId == 15 || pos + 1 + elementLen > extEnd) {
                    return NOT_FOUND;
                }
                if (elementId == id) {
                    return buf[pos + 1] & 0xff;
                }
                pos += 1 + elementLen;
            }
        } else if ((profile & 0xfff0) == 0x1000) {
            while (pos + 1 < extEnd) {
                int elementId = buf[pos] & 0xff;
                if (elementId == 0) {
                    pos++;
                    continue;
                }
                int elementLen = buf[pos + 1] & 0xff;
                if (pos + 2 + elementLen > extEnd) {
                    return NOT_FOUND;
                }
                if (elementId == id && elementLen >= 1) {
                    return buf[pos + 2] & 0xff;
                }
                pos += 2 + elementLen;
            }
        }
        return NOT_FOUND;
    }

    /** The level part (0..127 -dBov) of a {@link #find} result. */
    public static int level(int found) {
        return found & 0x7f;
    }

    /** The voice activity flag of a {@link #find} result. */
    public static boolean voiceActivity(int found) {
        return (found & 0x80) != 0;
    }

    /**
     * Writes an RTP header carrying only this extension (one-byte form) and returns its length,
     * {@link #HEADER_LENGTH_WITH_LEVEL}; the payload follows.
     */
    public int writeHeader(byte[] buf, int off, int payloadType, int seq, long timestamp, int ssrc,
            int levelDbov, boolean voiceActivity) {
        RtpHeader.writeFixed(buf, off, false, payloadType, seq, timestamp, ssrc);
        buf[off] |= 0x10;
        int ext = off + RtpHeader.FIXED_LENGTH;
        buf[ext] = (byte) 0xBE;
        buf[ext + 1] = (byte) 0xDE;
        buf[ext + 2] = 0;
        buf[ext + 3] = 1;
        buf[ext + 4] = (byte) (id << 4); // length field 0 means one data byte
        buf[ext + 5] = (byte) ((voiceActivity ? 0x80 : 0) | Math.min(127, Math.max(0, levelDbov)));
        buf[ext + 6] = 0;
        buf[ext + 7] = 0;
        return HEADER_LENGTH_WITH_LEVEL;
    }
}
