package dev.chorus.media.peer;

import dev.chorus.media.transport.rtp.ReceptionStatistics;
import java.util.zip.CRC32C;

/**
 * Receive-side record of one SSRC. Written by the peer's selector loop, read by tests and the
 * RTCP timer; they share only this object's monitor.
 */
final class StreamRecorder {

    private final int ssrc;
    private final ReceptionStatistics reception;
    private final CRC32C digest = new CRC32C();
    private long packets;
    private int firstSequence = -1;
    private int lastSequence = -1;
    private long inOrder;
    private long discontinuities;
    private long payloadMismatches;
    private int lastAudioLevel = -1;

    StreamRecorder(int ssrc) {
        this.ssrc = ssrc;
        this.reception = new ReceptionStatistics(ssrc, 48_000);
    }

    int ssrc() {
        return ssrc;
    }

    ReceptionStatistics reception() {
        return reception;
    }

    synchronized void record(int seq, long timestamp, byte[] buf, int payloadOff, int payloadLen, boolean payloadOk,
            int audioLevel, long nowNanos) {
        if (packets == 0) {
            firstSequence = seq;
        } else if (seq == ((lastSequence + 1) & 0xffff)) {
            inOrder++;
        } else {
            discontinuities++;
        }
        packets++;
        lastSequence = seq;
        if (!payloadOk) {
            payloadMismatches++;
        }
        if (audioLevel >= 0) {
            lastAudioLevel = audioLevel;
        }
        digest.update(buf, payloadOff, payloadLen);
        reception.packetReceived(seq, timestamp, nowNanos);
    }

    synchronized ReceivedStream snapshot() {
        return new ReceivedStream(ssrc, packets, firstSequence, lastSequence, inOrder, discontinuities,
                payloadMismatches, digest.getValue(), lastAudioLevel);
    }
}
