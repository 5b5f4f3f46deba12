package dev.chorus.media.transport.rtp;

import java.util.ArrayList;
import java.util.List;

/**
 * An RTCP sender report (RFC 3550 section 6.4.1). The bridge forwards speakers' SRs to listeners
 * (they map RTP timestamps to wall clock for lip sync and stats) and reads them to fill the
 * LSR/DLSR fields of the receiver reports it sends back.
 *
 * @param ntpTimestamp 64-bit NTP wall clock of the report
 */
public record SenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reportBlocks) {

    public static final int HEADER_LENGTH = 28;

    /** Parses the SR starting at {@code off}; {@code null} when it is not a complete SR. */
    public static SenderReport read(byte[] buf, int off, int len) {
        if (len < HEADER_LENGTH || RtcpPackets.packetType(buf, off) != RtcpPackets.SR
                || RtcpPackets.length(buf, off) > len) {
            return null;
        }
        int blocks = RtcpPackets.count(buf, off);
        if (HEADER_LENGTH + blocks * ReportBlock.LENGTH > RtcpPackets.length(buf, off)) {
            return null;
        }
        List<ReportBlock> reportBlocks = new ArrayList<>(blocks);
        for (int i = 0; i < blocks; i++) {
            reportBlocks.add(ReportBlock.read(buf, off + HEADER_LENGTH + i * ReportBlock.LENGTH));
        }
        long ntp = ((long) RtpHeader.readInt(buf, off + 8) << 32) | (RtpHeader.readInt(buf, off + 12) & 0xffffffffL);
        return new SenderReport(RtpHeader.readInt(buf, off + 4), ntp, RtpHeader.readInt(buf, off + 16) & 0xffffffffL,
                RtpHeader.readInt(buf, off + 20) & 0xffffffffL, RtpHeader.readInt(buf, off + 24) & 0xffffffffL,
                List.copyOf(reportBlocks));
    }

    /**
     * Copies the sender-info part of the SR at {@code src[off]} to {@code dst[dstOff]} without its
     * report blocks (they describe what the speaker received, which means nothing to the
     * listeners an SFU forwards the SR to), allocation-free. Returns the copy's length, 28, or -1
     * when {@code src} does not hold a complete SR.
     */
    public static int copyWithoutReportBlocks(byte[] src, int off, int len, byte[] dst, int dstOff) {
        if (len < HEADER_LENGTH || RtcpPackets.packetType(src, off) != RtcpPackets.SR
                || RtcpPackets.length(src, off) > len) {
            return -1;
        }
        System.arraycopy(src, off, dst, dstOff, HEADER_LENGTH);
        dst[dstOff] = (byte) 0x80; // V=2, no padding, no report blocks
        dst[dstOff + 2] = 0;
        dst[dstOff + 3] = (byte) (HEADER_LENGTH / 4 - 1);
        return HEADER_LENGTH;
    }

    /** The middle 32 bits of the NTP timestamp, as LSR fields quote it. */
    public long compactNtp() {
        return (ntpTimestamp >>> 16) & 0xffffffffL;
    }

    /** Writes this SR and returns its length. */
    public int write(byte[] buf, int off) {
        int length = HEADER_LENGTH + reportBlocks.size() * ReportBlock.LENGTH;
        buf[off] = (byte) (0x80 | reportBlocks.size());
        buf[off + 1] = (byte) RtcpPackets.SR;
        buf[off + 2] = (byte) ((length / 4 - 1) >>> 8);
        buf[off + 3] = (byte) (length / 4 - 1);
        RtpHeader.writeInt(buf, off + 4, ssrc);
        RtpHeader.writeInt(buf, off + 8, (int) (ntpTimestamp >>> 32));
        RtpHeader.writeInt(buf, off + 12, (int) ntpTimestamp);
        RtpHeader.writeInt(buf, off + 16, (int) rtpTimestamp);
        RtpHeader.writeInt(buf, off + 20, (int) packetCount);
        RtpHeader.writeInt(buf, off + 24, (int) octetCount);
        for (int i = 0; i < reportBlocks.size(); i++) {
            reportBlocks.get(i).write(buf, off + HEADER_LENGTH + i * ReportBlock.LENGTH);
        }
        return length;
    }

    /** NTP time (RFC 5905 64-bit format) for a wall-clock instant in milliseconds since 1970. */
    public static long ntpTime(long epochMillis) {
        long seconds = epochMillis / 1000 + 2_208_988_800L;
        long fraction = ((epochMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }
}
