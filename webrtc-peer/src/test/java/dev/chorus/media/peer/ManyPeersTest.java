package dev.chorus.media.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.media.transport.dtls.DtlsCertificate;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many peers on a runtime with several selector loops and few handshake threads. */
class ManyPeersTest {

    @Test
    void tenPairsConnectAtOnceAndExchangeIntactStreams() throws Exception {
        DtlsCertificate shared = DtlsCertificate.generate();
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        try (PeerRuntime runtime = PeerRuntime.start(2, 1, 2)) {
            List<SyntheticPeer[]> pairs = new ArrayList<>();
            List<CompletableFuture<?>> connections = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                SyntheticPeer a = SyntheticPeer.create(runtime, PeerOptions.DEFAULTS, shared, loopback);
                SyntheticPeer b = SyntheticPeer.create(runtime, PeerOptions.DEFAULTS, shared, loopback);
                pairs.add(new SyntheticPeer[] {a, b});
                connections.add(b.accept(new RemoteTransport(a.iceCredentials().ufrag(), a.iceCredentials().pwd(),
                        null, a.fingerprint())));
                connections.add(a.connect(new RemoteTransport(b.iceCredentials().ufrag(), b.iceCredentials().pwd(),
                        b.localAddress(), b.fingerprint())));
            }
            CompletableFuture.allOf(connections.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            pairs.forEach(p -> p[0].startSending());
            awaitAll(pairs, p -> p[0].sent().packets() >= 25);
            pairs.forEach(p -> p[0].stopSending());
            awaitAll(pairs, p -> p[1].received(p[0].ssrc()).map(ReceivedStream::packets).orElse(0L)
                    == p[0].sent().packets());

            for (SyntheticPeer[] p : pairs) {
                ReceivedStream got = p[1].received(p[0].ssrc()).orElseThrow();
                assertThat(got.intact()).isTrue();
                assertThat(got.digest()).isEqualTo(p[0].sent().digest());
                assertThat(p[1].receivedStreams()).hasSize(1);
            }
        }
    }

    private static void awaitAll(List<SyntheticPeer[]> pairs, java.util.function.Predicate<SyntheticPeer[]> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!pairs.stream().allMatch(done)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not every pair got there within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
