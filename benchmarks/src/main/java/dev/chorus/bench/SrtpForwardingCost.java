package dev.chorus.bench;

import dev.chorus.media.transport.PacketBuffer;
import dev.chorus.media.transport.rtp.AudioLevelExtension;
import dev.chorus.media.transport.srtp.SrtpProfile;
import dev.chorus.media.transport.srtp.SrtpResult;
import dev.chorus.media.transport.srtp.SrtpSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import org.HdrHistogram.Histogram;

/**
 * The crypto cost of forwarding one speaker's audio through a bridge, per packet, on one thread:
 * unprotect the incoming SRTP packet once, read its audio level, then copy and protect it for each
 * of N listeners with the listener's own keys, as media-sfu does. Prints forwarded packets per
 * second, CPU per 1,000 forwarded packets, p50/p99 of each step, and, as a reference measured in
 * the same run, the same loop with a plain copy instead of SRTP.
 * <p>
 * Usage: {@code ./bench SrtpForwardingCost [listeners=200] [seconds=5]}
 */
public final class SrtpForwardingCost {

    private static final int PAYLOAD = 80;

    public static void main(String[] args) {
        int listeners = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SrtpSession.warmUp();
        System.out.printf("SrtpForwardingCost: 1 speaker -> %d listeners, %d s per profile, %d-byte Opus payloads%n",
                listeners, seconds, PAYLOAD);
        for (SrtpProfile profile : SrtpProfile.values()) {
            run(profile, listeners, seconds);
        }
    }

    private static void run(SrtpProfile profile, int listeners, int seconds) {
        SecureRandom random = new SecureRandom();
        byte[] speakerKeys = keys(profile, random);
        SrtpSession speaker = SrtpSession.forProfile(profile, speakerKeys, false);
        SrtpSession bridgeIn = SrtpSession.forProfile(profile, speakerKeys, true);
        SrtpSession[] bridgeOut = new SrtpSession[listeners];
        for (int i = 0; i < listeners; i++) {
            bridgeOut[i] = SrtpSession.forProfile(profile, keys(profile, random), true);
        }
        AudioLevelExtension level = new AudioLevelExtension(1);
        byte[] in = new byte[1500];
        PacketBuffer inPacket = new PacketBuffer(in, 0, 0);
        byte[] out = new byte[1500];
        PacketBuffer outPacket = new PacketBuffer(out, 0, 0);
        Histogram unprotectNanos = new Histogram(3);
        Histogram protectNanos = new Histogram(3);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();

        long forwarded = 0;
        long copies = 0;
        int seq = 0;
        long cpuStart = mx.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        long end = wallStart + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            int len = level.writeHeader(in, 0, 111, seq & 0xffff, seq * 960L, 0x1234567, 40, true) + PAYLOAD;
            inPacket.set(in, 0, len);
            speaker.protectRtp(inPacket);
            seq++;

            long t0 = System.nanoTime();
            if (bridgeIn.unprotectRtp(inPacket) != SrtpResult.OK) {
                throw new IllegalStateException("unprotect failed");
            }
            level.find(in, 0, inPacket.getLength());
            long t1 = System.nanoTime();
            unprotectNanos.recordValue(t1 - t0);
            for (SrtpSession listener : bridgeOut) {
                long s = System.nanoTime();
                System.arraycopy(in, 0, out, 0, inPacket.getLength());
                outPacket.set(out, 0, inPacket.getLength());
                if (listener.protectRtp(outPacket) != SrtpResult.OK) {
                    throw new IllegalStateException("protect failed");
                }
                protectNanos.recordValue(System.nanoTime() - s);
                forwarded++;
            }
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpuMicros = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e3;

        // Reference: the same loop shape with a copy and no crypto.
        long refStart = mx.getCurrentThreadCpuTime();
        long refEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < refEnd) {
            for (int i = 0; i < listeners; i++) {
                System.arraycopy(in, 0, out, 0, inPacket.getLength());
                out[2] ^= (byte) i;
                copies++;
            }
        }
        double refCpuMicros = (mx.getCurrentThreadCpuTime() - refStart) / 1e3;

        System.out.printf("%-24s incoming %,10.0f pkt/s  forwarded %,12.0f pkt/s (one thread)%n", profile,
                seq / wall, forwarded / wall);
        System.out.printf("%-24s CPU per 1,000 forwarded: %,8.1f us (reference plain copy: %,6.2f us)%n", "",
                cpuMicros / forwarded * 1000, refCpuMicros / copies * 1000);
        System.out.printf("%-24s unprotect+level p50 %,6d ns p99 %,6d ns | protect per listener p50 %,6d ns p99 %,6d ns%n",
                "", unprotectNanos.getValueAtPercentile(50), unprotectNanos.getValueAtPercentile(99),
                protectNanos.getValueAtPercentile(50), protectNanos.getValueAtPercentile(99));
        for (SrtpSession s : bridgeOut) {
            s.close();
        }
        speaker.close();
        bridgeIn.close();
    }

    private static byte[] keys(SrtpProfile profile, SecureRandom random) {
        byte[] km = new byte[profile.keyingMaterialLength()];
        random.nextBytes(km);
        return km;
    }
}
