package dev.chorus.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.chorus.media.peer.PeerOptions;
import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.media.peer.RemoteTransport;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.media.transport.dtls.DtlsCertificate;
import dev.chorus.media.transport.srtp.SrtpSession;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * How many synthetic peers one JVM drives: N pairs of peers back to back over loopback UDP (one of
 * each pair in the bridge's role), every peer sending 50 packets a second, for a few seconds.
 * Prints connect time (ICE + DTLS) p50/p99, packets per second sent and received, loss, and the
 * process CPU per 1,000 packets (each packet is sent by one peer and received by another), so the
 * load benchmark through the bridge can subtract what its synthetic peers cost.
 * <p>
 * Usage: {@code ./bench SyntheticPeerCapacity [pairs=200] [seconds=10]}
 */
public final class SyntheticPeerCapacity {

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SrtpSession.warmUp();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        DtlsCertificate sharedCertificate = DtlsCertificate.generate();
        // Everything connects at once on two shared cores: give the handshakes time.
        PeerOptions options = PeerOptions.DEFAULTS.withConnectTimeout(java.time.Duration.ofSeconds(120));
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        try (PeerRuntime runtime = PeerRuntime.start(2, 1, 8)) {
            List<SyntheticPeer[]> all = new ArrayList<>();
            Histogram connectMillis = new Histogram(3);
            List<CompletableFuture<?>> connecting = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                SyntheticPeer a = SyntheticPeer.create(runtime, options, sharedCertificate, loopback);
                SyntheticPeer b = SyntheticPeer.create(runtime, options, sharedCertificate, loopback);
                all.add(new SyntheticPeer[] {a, b});
                long start = System.nanoTime();
                b.accept(new RemoteTransport(a.iceCredentials().ufrag(), a.iceCredentials().pwd(), null, a.fingerprint()));
                connecting.add(a.connect(new RemoteTransport(b.iceCredentials().ufrag(), b.iceCredentials().pwd(),
                        b.localAddress(), b.fingerprint()))
                        .thenRun(() -> connectMillis.recordValue((System.nanoTime() - start) / 1_000_000)));
            }
            CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(150, TimeUnit.SECONDS);

            java.util.Map<String, Long> threadCpuStart = threadCpuByRole();
            long cpuStart = os.getProcessCpuTime();
            long wallStart = System.nanoTime();
            all.forEach(p -> {
                p[0].startSending();
                p[1].startSending();
            });
            Thread.sleep(seconds * 1000L);
            all.forEach(p -> {
                p[0].stopSending();
                p[1].stopSending();
            });
            double wall = (System.nanoTime() - wallStart) / 1e9;
            Thread.sleep(500); // let the last packets land
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            java.util.Map<String, Long> threadCpuEnd = threadCpuByRole();

            long sent = 0;
            long received = 0;
            long broken = 0;
            for (SyntheticPeer[] p : all) {
                for (int k = 0; k < 2; k++) {
                    SyntheticPeer from = p[k];
                    SyntheticPeer to = p[1 - k];
                    sent += from.sent().packets();
                    ReceivedStream got = to.received(from.ssrc()).orElse(null);
                    received += got == null ? 0 : got.packets();
                    broken += got == null || !got.intact() ? 1 : 0;
                }
            }
            System.out.printf("SyntheticPeerCapacity: %d peers (%d pairs), %d s, %d cores%n", 2 * pairs, pairs, seconds,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("connect (ICE + DTLS, all at once): p50 %d ms, p99 %d ms, max %d ms%n",
                    connectMillis.getValueAtPercentile(50), connectMillis.getValueAtPercentile(99),
                    connectMillis.getMaxValue());
            System.out.printf("sent %,.0f pkt/s, received %,.0f pkt/s, lost %d of %d, streams with gaps or bad payloads %d%n",
                    sent / wall, received / wall, sent - received, sent, broken);
            System.out.printf("process CPU %.0f%% of one core; %,.0f us CPU per 1,000 packets (send + receive)%n",
                    100 * cpuSeconds / wall, cpuSeconds * 1e6 / Math.max(1, sent) * 1000);
            StringBuilder byRole = new StringBuilder("CPU by thread role (% of one core):");
            threadCpuEnd.forEach((role, nanos) -> byRole.append(String.format(" %s %.0f%%", role,
                    100 * (nanos - threadCpuStart.getOrDefault(role, 0L)) / 1e9 / wall)));
            System.out.println(byRole);
            all.forEach(p -> {
                p[0].close();
                p[1].close();
            });
        }
    }

    /** CPU time per thread name without its trailing number (peer-io, peer-pacer, C2 compiler...). */
    private static java.util.Map<String, Long> threadCpuByRole() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> byRole = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                String role = info.getThreadName().replaceAll("[- ]?\\d+$", "");
                byRole.merge(role, Math.max(0, cpu), Long::sum);
            }
        }
        return byRole;
    }
}
