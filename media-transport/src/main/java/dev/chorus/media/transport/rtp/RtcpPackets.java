package dev.chorus.media.transport.rtp;

/**
 * Walking RTCP compound packets (RFC 3550 section 6) in place. Packet types the bridge cares
 * about: SR 200, RR 201, SDES 202, BYE 203, APP 204, RTPFB 205, PSFB 206.
 */
public final class RtcpPackets {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    public static final int RTPFB = 205;
    public static final int PSFB = 206;

    private RtcpPackets() {
    }

    public static int packetType(byte[] buf, int off) {
        return buf[off + 1] & 0xff;
    }

    /** The 5-bit count field: report blocks in SR/RR, sources in SDES/BYE, FMT in feedback. */
    public static int count(byte[] buf, int off) {
        return buf[off] & 0x1f;
    }

    /** Length in bytes of the packet starting at {@code off}, from its length field. */
    public static int length(byte[] buf, int off) {
        return 4 * ((((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff)) + 1);
    }

    /** The SSRC of the packet's sender (bytes 4-7). */
    public static int senderSsrc(byte[] buf, int off) {
        return RtpHeader.readInt(buf, off + 4);
    }

    /**
     * Whether {@code buf[off, off+len)} is a well-formed compound packet: every part version 2,
     * at least 8 bytes, lengths adding up exactly.
     */
    public static boolean isValidCompound(byte[] buf, int off, int len) {
        int pos = off;
        int end = off + len;
        if (len < 8) {
            return false;
        }
        while (pos < end) {
            if (end - pos < 4 || (buf[pos] & 0xc0) != 0x80) {
                return false;
            }
            int n = length(buf, pos);
            if (n < 8 || pos + n > end) {
                return false;
            }
            pos += n;
        }
        return pos == end;
    }

    /** Offset of the packet after the one at {@code pos} (equal to the end when it was the last). */
    public static int next(byte[] buf, int pos) {
        return pos + length(buf, pos);
    }
}
