package dev.chorus.media.transport.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpTest {

    @Test
    void senderReportRoundTripsAndIsRecognisedAsRtcp() {
        SenderReport sr = new SenderReport(0x01020304, SenderReport.ntpTime(1_700_000_000_123L), 96_000, 50, 4000,
                List.of(new ReportBlock(0x0a0b0c0d, 12, -2, 70_000, 30, 0x11112222L, 65536)));
        byte[] buf = new byte[100];

        int len = sr.write(buf, 0);

        assertThat(len).isEqualTo(52);
        assertThat(RtpHeader.isRtcp(buf, 0, len)).isTrue();
        assertThat(RtcpPackets.isValidCompound(buf, 0, len)).isTrue();
        assertThat(SenderReport.read(buf, 0, len)).isEqualTo(sr);
    }

    @Test
    void aForwardedSenderReportKeepsTheSenderInfoAndDropsTheBlocks() {
        SenderReport sr = new SenderReport(42, SenderReport.ntpTime(1_700_000_000_500L), 4800, 10, 800,
                List.of(new ReportBlock(7, 0, 0, 1, 0, 0, 0), new ReportBlock(8, 0, 0, 1, 0, 0, 0)));
        byte[] src = new byte[100];
        int len = sr.write(src, 0);
        byte[] dst = new byte[100];

        int copied = SenderReport.copyWithoutReportBlocks(src, 0, len, dst, 4);

        assertThat(copied).isEqualTo(SenderReport.HEADER_LENGTH);
        assertThat(RtcpPackets.isValidCompound(dst, 4, copied)).isTrue();
        assertThat(SenderReport.read(dst, 4, copied))
                .isEqualTo(new SenderReport(42, sr.ntpTimestamp(), 4800, 10, 800, List.of()));
        assertThat(SenderReport.copyWithoutReportBlocks(src, 0, 20, dst, 0)).isEqualTo(-1);
    }

    @Test
    void compoundPacketsAreWalkedPartByPart() {
        byte[] buf = new byte[200];
        int n = new ReceiverReport(7, List.of()).write(buf, 0);
        n += new SenderReport(8, 0, 0, 0, 0, List.of()).write(buf, n);

        assertThat(RtcpPackets.isValidCompound(buf, 0, n)).isTrue();
        assertThat(RtcpPackets.packetType(buf, 0)).isEqualTo(RtcpPackets.RR);
        int second = RtcpPackets.next(buf, 0);
        assertThat(RtcpPackets.packetType(buf, second)).isEqualTo(RtcpPackets.SR);
        assertThat(RtcpPackets.senderSsrc(buf, second)).isEqualTo(8);
        assertThat(RtcpPackets.next(buf, second)).isEqualTo(n);
        assertThat(RtcpPackets.isValidCompound(buf, 0, n - 4)).isFalse();
    }

    @Test
    void receptionStatisticsCountLossAcrossSequenceWrapAndQuoteTheLastSr() {
        ReceptionStatistics stats = new ReceptionStatistics(99, 48_000);
        long t = 1_000_000_000L;
        int seq = 65_530;
        for (int i = 0; i < 20; i++, seq = (seq + 1) & 0xffff) {
            if (i == 10 || i == 11) {
                continue; // two packets lost after the wrap
            }
            stats.packetReceived(seq, 960L * i, t + 20_000_000L * i);
        }
        SenderReport sr = new SenderReport(99, SenderReport.ntpTime(1_700_000_000_000L), 0, 0, 0, List.of());
        stats.senderReportReceived(sr, t);

        ReportBlock block = stats.reportBlock(t + 500_000_000L);

        assertThat(block.ssrc()).isEqualTo(99);
        assertThat(block.cumulativeLost()).isEqualTo(2);
        assertThat(block.extendedHighestSequence()).isEqualTo(0x10000L + 13);
        assertThat(block.fractionLost()).isEqualTo(2 * 256 / 20);
        assertThat(block.jitter()).isZero();
        assertThat(block.lastSenderReport()).isEqualTo(sr.compactNtp());
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(32768);

        byte[] rr = new byte[64];
        int len = new ReceiverReport(1, List.of(block)).write(rr, 0);
        assertThat(ReceiverReport.read(rr, 0, len).reportBlocks()).containsExactly(block);
        assertThat(stats.reportBlock(t + 600_000_000L).fractionLost()).isZero();
    }
}
