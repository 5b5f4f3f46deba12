package dev.chorus.media.transport.rtp;

import java.util.ArrayList;
import java.util.List;

/** An RTCP receiver report (RFC 3550 section 6.4.2): the bridge's reception, told to senders. */
public record ReceiverReport(int senderSsrc, List<ReportBlock> reportBlocks) {

    public static final int HEADER_LENGTH = 8;
    /** The count field is 5 bits. */
    public static final int MAX_BLOCKS = 31;

    public ReceiverReport {
        if (reportBlocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("at most 31 report blocks per RR");
        }
        reportBlocks = List.copyOf(reportBlocks);
    }

    public int length() {
        return HEADER_LENGTH + reportBlocks.size() * ReportBlock.LENGTH;
    }

    /** Writes this RR and returns its length. */
    public int write(byte[] buf, int off) {
        int length = length();
        buf[off] = (byte) (0x80 | reportBlocks.size());
        buf[off + 1] = (byte) RtcpPackets.RR;
        buf[off + 2] = (byte) ((length / 4 - 1) >>> 8);
        buf[off + 3] = (byte) (length / 4 - 1);
        RtpHeader.writeInt(buf, off + 4, senderSsrc);
        for (int i = 0; i < reportBlocks.size(); i++) {
            reportBlocks.get(i).write(buf, off + HEADER_LENGTH + i * ReportBlock.LENGTH);
        }
        return length;
    }

    /** Parses the RR starting at {@code off}; {@code null} when it is not a complete RR. */
    public static ReceiverReport read(byte[] buf, int off, int len) {
        if (len < HEADER_LENGTH || RtcpPackets.packetType(buf, off) != RtcpPackets.RR
                || RtcpPackets.length(buf, off) > len) {
            return null;
        }
        int blocks = RtcpPackets.count(buf, off);
        if (HEADER_LENGTH + blocks * ReportBlock.LENGTH > RtcpPackets.length(buf, off)) {
            return null;
        }
        List<ReportBlock> list = new ArrayList<>(blocks);
        for (int i = 0; i < blocks; i++) {
            list.add(ReportBlock.read(buf, off + HEADER_LENGTH + i * ReportBlock.LENGTH));
        }
        return new ReceiverReport(RtpHeader.readInt(buf, off + 4), list);
    }
}
