package dev.chorus.media.transport.rtp;

/**
 * One reception report block of an SR or RR (RFC 3550 section 6.4.1).
 *
 * @param ssrc the source reported on
 * @param fractionLost lost fraction since the previous report, in 1/256
 * @param cumulativeLost packets lost since the start (24-bit signed)
 * @param extendedHighestSequence cycles in the upper 16 bits, highest sequence number below
 * @param jitter interarrival jitter in timestamp units
 * @param lastSenderReport middle 32 bits of the NTP timestamp of the last SR from this source
 * @param delaySinceLastSenderReport since that SR, in 1/65536 seconds
 */
public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSenderReport, long delaySinceLastSenderReport) {

    public static final int LENGTH = 24;

    public static ReportBlock read(byte[] buf, int off) {
        int lost = ((buf[off + 5] & 0xff) << 16) | ((buf[off + 6] & 0xff) << 8) | (buf[off + 7] & 0xff);
        if ((lost & 0x800000) != 0) {
            lost |= 0xff000000; // sign-extend the 24-bit field
        }
        return new ReportBlock(RtpHeader.readInt(buf, off), buf[off + 4] & 0xff, lost,
                RtpHeader.readInt(buf, off + 8) & 0xffffffffL, RtpHeader.readInt(buf, off + 12) & 0xffffffffL,
                RtpHeader.readInt(buf, off + 16) & 0xffffffffL, RtpHeader.readInt(buf, off + 20) & 0xffffffffL);
    }

    public int write(byte[] buf, int off) {
        RtpHeader.writeInt(buf, off, ssrc);
        int lost = Math.max(-0x800000, Math.min(0x7fffff, cumulativeLost));
        RtpHeader.writeInt(buf, off + 4, ((fractionLost & 0xff) << 24) | (lost & 0xffffff));
        RtpHeader.writeInt(buf, off + 8, (int) extendedHighestSequence);
        RtpHeader.writeInt(buf, off + 12, (int) jitter);
        RtpHeader.writeInt(buf, off + 16, (int) lastSenderReport);
        RtpHeader.writeInt(buf, off + 20, (int) delaySinceLastSenderReport);
        return LENGTH;
    }
}
