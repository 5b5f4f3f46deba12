package dev.chorus.media.transport.rtp;

/**
 * Reception statistics of one incoming RTP source, as RFC 3550 appendix A.1, A.3 and A.8 compute
 * them, turned into report blocks for the receiver reports the bridge sends to speakers.
 * <p>
 * Threading: the packet thread calls {@link #packetReceived}, an RTCP timer calls
 * {@link #reportBlock}; they share only this object's monitor, never one of the control plane.
 */
public final class ReceptionStatistics {

    private final int ssrc;
    private final int clockRate;
    private boolean started;
    private int maxSeq;
    private int cycles;
    private int baseSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long lastTransit;
    private boolean haveTransit;
    private double jitter;
    private long lastSrCompactNtp;
    private long lastSrArrivalNanos;

    /** @param clockRate RTP clock rate of the source (48000 for Opus) */
    public ReceptionStatistics(int ssrc, int clockRate) {
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    public int ssrc() {
        return ssrc;
    }

    /** Accounts for a received packet, with its arrival time from {@link System#nanoTime()}. */
    public synchronized void packetReceived(int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        if (!started) {
            started = true;
            baseSeq = sequenceNumber;
            maxSeq = sequenceNumber;
        } else {
            int delta = (sequenceNumber - maxSeq) & 0xffff;
            if (delta < 0x8000) {
                if (sequenceNumber < maxSeq) {
                    cycles += 0x10000;
                }
                maxSeq = sequenceNumber;
            }
        }
        received++;
        long arrivalUnits = (arrivalNanos / 1_000) * clockRate / 1_000_000; // microseconds first: no overflow
        long transit = arrivalUnits - rtpTimestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** Remembers the source's last SR, for LSR and DLSR. */
    public synchronized void senderReportReceived(SenderReport report, long arrivalNanos) {
        lastSrCompactNtp = report.compactNtp();
        lastSrArrivalNanos = arrivalNanos;
    }

    public synchronized long packetsReceived() {
        return received;
    }

    /** Extended highest sequence number received (cycles above, sequence number below). */
    public synchronized long extendedHighestSequence() {
        return (long) cycles + maxSeq;
    }

    /** The report block for now; starts a new interval for the fraction lost. */
    public synchronized ReportBlock reportBlock(long nowNanos) {
        long extendedMax = (long) cycles + maxSeq;
        long expected = started ? extendedMax - baseSeq + 1 : 0;
        long lost = expected - received;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long dlsr = lastSrArrivalNanos == 0 ? 0 : ((nowNanos - lastSrArrivalNanos) * 65536L) / 1_000_000_000L;
        return new ReportBlock(ssrc, fraction, (int) lost, extendedMax & 0xffffffffL, (long) jitter,
                lastSrCompactNtp, lastSrCompactNtp == 0 ? 0 : dlsr);
    }
}
