package dev.chorus.media.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.media.transport.dtls.DtlsCertificate;
import dev.chorus.media.transport.srtp.SrtpProfile;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two synthetic peers over real UDP sockets on loopback, one in the browser's role and one in the
 * bridge's (ICE-lite, DTLS server): the whole chain of media-transport, ICE to SRTP, both ways.
 */
class DirectPeersTest {

    private final PeerRuntime runtime = PeerRuntime.start();
    private final SyntheticPeer browser = SyntheticPeer.create(runtime);
    private final SyntheticPeer bridge = SyntheticPeer.create(runtime);

    @AfterEach
    void stop() {
        browser.close();
        bridge.close();
        runtime.close();
    }

    @Test
    void everyPacketSentReachesTheOtherPeerInOrderWithItsPayload() throws Exception {
        var accepted = bridge.accept(transportOf(browser, false));
        var connected = browser.connect(transportOf(bridge, true));

        assertThat(connected.get(15, TimeUnit.SECONDS)).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(accepted.get(15, TimeUnit.SECONDS)).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);

        browser.audioLevel(12, true);
        browser.startSending();
        bridge.startSending();
        await(() -> browser.sent().packets() >= 60 && bridge.sent().packets() >= 60);
        browser.stopSending();
        bridge.stopSending();
        await(() -> received(bridge, browser) == browser.sent().packets()
                && received(browser, bridge) == bridge.sent().packets());

        assertSameStream(browser, bridge);
        assertSameStream(bridge, browser);
        assertThat(bridge.received(browser.ssrc()).orElseThrow().lastAudioLevel()).isEqualTo(12);
        assertThat(browser.stats().srtpRejected()).isZero();
        assertThat(bridge.stats().srtpRejected()).isZero();
        assertThat(bridge.stats().stunAnswered()).isPositive();
        // Reports flow once a second: the sender reports carry the other side's stream.
        await(() -> browser.stats().senderReportsReceived() > 0 && bridge.stats().senderReportsReceived() > 0);
    }

    @Test
    void garbageForgedMediaAndBadChecksChangeNothing() throws Exception {
        bridge.accept(transportOf(browser, false));
        browser.connect(transportOf(bridge, true)).get(15, TimeUnit.SECONDS);
        bridge.connection().get(15, TimeUnit.SECONDS);
        byte[] forgedRtp = new byte[100];
        new java.util.Random(1).nextBytes(forgedRtp);
        forgedRtp[0] = (byte) 0x80;
        forgedRtp[1] = 111;
        byte[] junkDtls = {0x17, (byte) 0xfe, (byte) 0xfd, 0, 1, 0, 0, 0, 0, 0, 9, 0, 3, 1, 2, 3};
        byte[] unknown = {(byte) 0xff, 1, 2, 3};
        byte[] badCheck = new dev.chorus.media.transport.ice.IceControllingChecks(browser.iceCredentials(),
                new dev.chorus.media.transport.ice.IceCredentials(bridge.iceCredentials().ufrag(),
                        "a-password-that-is-not-the-bridges")).newRequest();
        long ignoredBefore = bridge.stats().ignored();

        browser.startSending();
        for (byte[] junk : new byte[][] {forgedRtp, junkDtls, unknown, badCheck}) {
            browser.sendDatagram(junk);
        }
        await(() -> browser.sent().packets() >= 50);
        browser.stopSending();
        await(() -> received(bridge, browser) == browser.sent().packets());

        assertSameStream(browser, bridge);
        assertThat(bridge.receivedStreams()).hasSize(1);
        assertThat(bridge.stats().srtpRejected()).isEqualTo(1);
        assertThat(bridge.stats().ignored() - ignoredBefore).isEqualTo(2); // the unknown datagram and the bad check
    }

    @Test
    void aPeerOfferingOnlyTheMandatoryProfileGetsItAndMediaFlows() throws Exception {
        SyntheticPeer oldBrowser = SyntheticPeer.create(runtime,
                PeerOptions.DEFAULTS.withSrtpProfiles(java.util.List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80)),
                DtlsCertificate.generate(), new java.net.InetSocketAddress("127.0.0.1", 0));
        try {
            var accepted = bridge.accept(transportOf(oldBrowser, false));
            assertThat(oldBrowser.connect(transportOf(bridge, true)).get(15, TimeUnit.SECONDS))
                    .isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
            assertThat(accepted.get(15, TimeUnit.SECONDS)).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);

            oldBrowser.startSending();
            await(() -> oldBrowser.sent().packets() >= 25);
            oldBrowser.stopSending();
            await(() -> received(bridge, oldBrowser) == oldBrowser.sent().packets());
            assertSameStream(oldBrowser, bridge);
        } finally {
            oldBrowser.close();
        }
    }

    @Test
    void aPeerWhoseCertificateIsNotTheSignalledOneGetsNoMedia() {
        var accepted = bridge.accept(new RemoteTransport(browser.iceCredentials().ufrag(),
                browser.iceCredentials().pwd(), null, DtlsCertificate.generate().fingerprint()));
        var connected = browser.connect(transportOf(bridge, true));

        assertThatThrownBy(() -> accepted.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> connected.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        bridge.startSending();
        assertThat(bridge.sent().packets()).isZero();
        assertThat(browser.receivedStreams()).isEmpty();
    }

    @Test
    void checksWithWrongCredentialsAreIgnoredAndConnectTimesOut() {
        SyntheticPeer impostor = SyntheticPeer.create(runtime, PeerOptions.DEFAULTS.withConnectTimeout(Duration.ofSeconds(2)),
                DtlsCertificate.generate(), new java.net.InetSocketAddress("127.0.0.1", 0));
        try {
            bridge.accept(transportOf(browser, false));
            var connected = impostor.connect(new RemoteTransport(bridge.iceCredentials().ufrag(),
                    "not-the-password-of-the-bridge", bridge.localAddress(), bridge.fingerprint()));

            assertThatThrownBy(() -> connected.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(bridge.stats().stunAnswered()).isZero();
            assertThat(bridge.stats().ignored()).isPositive();
        } finally {
            impostor.close();
        }
    }

    private static long received(SyntheticPeer receiver, SyntheticPeer sender) {
        return receiver.received(sender.ssrc()).map(ReceivedStream::packets).orElse(0L);
    }

    private static void assertSameStream(SyntheticPeer sender, SyntheticPeer receiver) {
        SentStream sent = sender.sent();
        ReceivedStream got = receiver.received(sender.ssrc()).orElseThrow();
        assertThat(got.packets()).isEqualTo(sent.packets());
        assertThat(got.firstSequence()).isEqualTo(sent.firstSequence());
        assertThat(got.lastSequence()).isEqualTo(sent.lastSequence());
        assertThat(got.intact()).isTrue();
        assertThat(got.inOrder()).isEqualTo(sent.packets() - 1);
        assertThat(got.digest()).isEqualTo(sent.digest());
    }

    private static RemoteTransport transportOf(SyntheticPeer peer, boolean withCandidate) {
        return new RemoteTransport(peer.iceCredentials().ufrag(), peer.iceCredentials().pwd(),
                withCandidate ? peer.localAddress() : null, peer.fingerprint());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
