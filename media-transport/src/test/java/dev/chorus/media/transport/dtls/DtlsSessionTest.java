package dev.chorus.media.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.media.transport.DatagramSender;
import dev.chorus.media.transport.PacketBuffer;
import dev.chorus.media.transport.PacketKind;
import dev.chorus.media.transport.rtp.RtpHeader;
import dev.chorus.media.transport.srtp.SrtpResult;
import dev.chorus.media.transport.srtp.SrtpProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A DTLS client and server wired back to back in memory, as they would be over UDP. */
class DtlsSessionTest {

    private static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();
    private static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate();

    private final ExecutorService handshakes = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        handshakes.shutdownNow();
    }

    @Test
    void certificateFingerprintIsSha256InSdpFormat() {
        assertThat(SERVER_CERT.fingerprint().hashFunction()).isEqualTo("sha-256");
        assertThat(SERVER_CERT.fingerprint().value()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(SERVER_CERT.fingerprint()).isNotEqualTo(CLIENT_CERT.fingerprint());
    }

    @Test
    void handshakeEndsWithEqualKeysOnBothSidesAndPrefersGcm() throws Exception {
        Pair pair = new Pair();

        var serverKeys = pair.server.start(CLIENT_CERT.fingerprint(), handshakes);
        var clientKeys = pair.client.start(SERVER_CERT.fingerprint(), handshakes);

        DtlsSrtpKeys s = serverKeys.get(20, TimeUnit.SECONDS);
        DtlsSrtpKeys c = clientKeys.get(20, TimeUnit.SECONDS);
        assertThat(s.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(c.profile()).isEqualTo(s.profile());
        assertThat(s.keyingMaterial()).hasSize(SrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength())
                .isEqualTo(c.keyingMaterial());
        assertThat(s.isServer()).isTrue();
        assertThat(c.isServer()).isFalse();
        assertThat(pair.server.isConnected()).isTrue();

        // The exported keys set up SRTP sessions that understand each other.
        byte[] rtp = new byte[92];
        RtpHeader.writeFixed(rtp, 0, false, 111, 1, 960, 0x0badcafe);
        PacketBuffer packet = new PacketBuffer(200).copyFrom(rtp, 0, rtp.length);
        assertThat(c.newSrtpSession().protectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(s.newSrtpSession().unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(packet.toByteArray()).isEqualTo(rtp);
    }

    @Test
    void negotiatesTheMandatoryProfileWhenTheClientOffersOnlyIt() throws Exception {
        Pair pair = new Pair();
        pair.client.profiles(List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80));

        var serverKeys = pair.server.start(CLIENT_CERT.fingerprint(), handshakes);
        var clientKeys = pair.client.start(SERVER_CERT.fingerprint(), handshakes);

        assertThat(serverKeys.get(20, TimeUnit.SECONDS).profile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertThat(clientKeys.get(20, TimeUnit.SECONDS).keyingMaterial())
                .isEqualTo(serverKeys.get().keyingMaterial());
    }

    @Test
    void serverRefusesAClientWhoseCertificateDoesNotMatchTheSignalledFingerprint() {
        Pair pair = new Pair();
        DtlsFingerprint someoneElse = DtlsCertificate.generate().fingerprint();

        var serverKeys = pair.server.start(someoneElse, handshakes);
        var clientKeys = pair.client.start(SERVER_CERT.fingerprint(), handshakes);

        assertThatThrownBy(() -> serverKeys.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> clientKeys.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(pair.server.isConnected()).isFalse();
    }

    @Test
    void clientRefusesAServerWhoseCertificateDoesNotMatch() {
        Pair pair = new Pair();

        var serverKeys = pair.server.start(CLIENT_CERT.fingerprint(), handshakes);
        var clientKeys = pair.client.start(DtlsCertificate.generate().fingerprint(), handshakes);

        assertThatThrownBy(() -> clientKeys.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> serverKeys.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void aLostFinalFlightIsResentAfterTheServerFinished() throws Exception {
        // Drop the server's first ChangeCipherSpec and first epoch-1 record (its Finished): the
        // server has completed, the client retransmits its flight, the server must answer again.
        AtomicInteger droppedCcs = new AtomicInteger();
        AtomicInteger droppedFinished = new AtomicInteger();
        Pair pair = new Pair(datagram -> {
            boolean ccs = datagram[0] == 20;
            boolean epoch1 = datagram[0] == 22 && datagram[3] == 0 && datagram[4] == 1;
            return (ccs && droppedCcs.getAndIncrement() == 0) || (epoch1 && droppedFinished.getAndIncrement() == 0);
        });

        var serverKeys = pair.server.start(CLIENT_CERT.fingerprint(), handshakes);
        var clientKeys = pair.client.start(SERVER_CERT.fingerprint(), handshakes);

        assertThat(clientKeys.get(20, TimeUnit.SECONDS).keyingMaterial())
                .isEqualTo(serverKeys.get(20, TimeUnit.SECONDS).keyingMaterial());
        assertThat(droppedCcs.get()).isGreaterThan(1);
        assertThat(droppedFinished.get()).isGreaterThan(1);
    }

    @Test
    void serversWaitingForSilentClientsHoldNoHandshakeThread() throws Exception {
        ExecutorService twoThreads = Executors.newFixedThreadPool(2);
        List<DtlsSession> silent = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                DtlsSession waiting = DtlsSession.server("silent-" + i, SERVER_CERT, (b, o, l) -> { });
                waiting.start(CLIENT_CERT.fingerprint(), twoThreads);
                silent.add(waiting);
            }
            Pair pair = new Pair();

            var serverKeys = pair.server.start(CLIENT_CERT.fingerprint(), twoThreads);
            var clientKeys = pair.client.start(SERVER_CERT.fingerprint(), twoThreads);

            assertThat(clientKeys.get(20, TimeUnit.SECONDS).keyingMaterial())
                    .isEqualTo(serverKeys.get(20, TimeUnit.SECONDS).keyingMaterial());
        } finally {
            silent.forEach(DtlsSession::close);
            twoThreads.shutdownNow();
        }
    }

    @Test
    void closingStopsAHandshakeThatNobodyAnswers() {
        DtlsSession lonely = DtlsSession.client("lonely", CLIENT_CERT, (b, o, l) -> { })
                .handshakeTimeout(Duration.ofSeconds(30));
        var keys = lonely.start(SERVER_CERT.fingerprint(), handshakes);

        lonely.close();

        assertThatThrownBy(() -> keys.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    /** Client and server whose senders deliver straight into each other's receive(). */
    private static final class Pair {
        final AtomicReference<DtlsSession> serverRef = new AtomicReference<>();
        final AtomicReference<DtlsSession> clientRef = new AtomicReference<>();
        final DtlsSession server;
        final DtlsSession client;

        Pair() {
            this(datagram -> false);
        }

        /** @param dropFromServer which of the server's datagrams the "network" loses */
        Pair(Predicate<byte[]> dropFromServer) {
            server = DtlsSession.server("server", SERVER_CERT, deliverTo(clientRef, dropFromServer));
            client = DtlsSession.client("client", CLIENT_CERT, deliverTo(serverRef, datagram -> false));
            serverRef.set(server);
            clientRef.set(client);
        }

        private static DatagramSender deliverTo(AtomicReference<DtlsSession> target, Predicate<byte[]> drop) {
            return (buf, off, len) -> {
                assertThat(PacketKind.of(buf, off, len)).isEqualTo(PacketKind.DTLS);
                if (!drop.test(Arrays.copyOfRange(buf, off, off + len))) {
                    target.get().receive(buf, off, len);
                }
            };
        }
    }
}
