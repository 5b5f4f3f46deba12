package dev.chorus.media.transport.dtls;

import dev.chorus.media.transport.DatagramSender;
import dev.chorus.media.transport.srtp.SrtpProfile;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS-SRTP association (RFC 5764): the bridge is the server for browsers, the synthetic peer
 * a client. Datagrams classified as DTLS are handed to {@link #receive}, which only queues them,
 * so the packet thread never blocks; the handshake runs on the executor given to {@link #start}
 * and completes {@link #keys()} with the SRTP keying material, or exceptionally (wrong
 * fingerprint, no common profile, timeout, close). Datagrams may arrive before {@code start}:
 * they wait in the queue (a browser's ClientHello often beats the signalling).
 * <p>
 * After the handshake, later DTLS records (a retransmitted final flight, alerts) are processed
 * by short tasks on the same executor, so a lost last flight is resent as DTLS requires.
 */
public final class DtlsSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DtlsSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Default SRTP preference: AEAD first (cheaper and stronger), then the mandatory profile. */
    public static final List<SrtpProfile> DEFAULT_PROFILES =
            List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    private final boolean server;
    private final String label;
    private final DtlsCertificate certificate;
    private volatile List<SrtpProfile> profiles = DEFAULT_PROFILES;
    private volatile Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private final QueueDatagramTransport transport;
    private final CompletableFuture<DtlsSrtpKeys> keys = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean launched = new AtomicBoolean();
    private volatile DtlsFingerprint remoteFingerprint;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile DTLSTransport established;
    private volatile Executor executor;

    private DtlsSession(boolean server, String label, DtlsCertificate certificate, DatagramSender sender) {
        this.server = server;
        this.label = label;
        this.certificate = certificate;
        this.transport = new QueueDatagramTransport(sender);
    }

    /**
     * A DTLS server association (the bridge side), offering {@link #DEFAULT_PROFILES}.
     *
     * @param label who this is for, in logs (e.g. the endpoint id)
     * @param sender where our flights go (the endpoint's current address)
     */
    public static DtlsSession server(String label, DtlsCertificate certificate, DatagramSender sender) {
        return new DtlsSession(true, label, certificate, sender);
    }

    /** A DTLS client association (the browser side) offering {@link #DEFAULT_PROFILES}. */
    public static DtlsSession client(String label, DtlsCertificate certificate, DatagramSender sender) {
        return new DtlsSession(false, label, certificate, sender);
    }

    /** Other SRTP profiles, in preference order (server) or offer order (client); before start. */
    public DtlsSession profiles(List<SrtpProfile> preferred) {
        if (preferred.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile");
        }
        requireNotStarted();
        this.profiles = List.copyOf(preferred);
        return this;
    }

    /** Another handshake timeout; before start. */
    public DtlsSession handshakeTimeout(Duration timeout) {
        requireNotStarted();
        this.handshakeTimeout = timeout;
        return this;
    }

    private void requireNotStarted() {
        if (started.get()) {
            throw new IllegalStateException("DTLS session already started");
        }
    }

    public boolean isServer() {
        return server;
    }

    /**
     * Starts the handshake on {@code executor} (which must allow a task to block for the duration
     * of a handshake; a server's starts only once the client's first datagram is there). Only the
     * first call has an effect.
     *
     * @param remoteFingerprint the fingerprint signalling gave for the peer's certificate
     * @return {@link #keys()}
     */
    public CompletableFuture<DtlsSrtpKeys> start(DtlsFingerprint remoteFingerprint, Executor executor) {
        if (!started.get()) {
            this.remoteFingerprint = remoteFingerprint;
            this.executor = executor;
            started.set(true);
            launchWhenReady();
        }
        return keys;
    }

    /**
     * A client speaks first, so its handshake starts at once. A server's waits for the client's
     * first datagram: bctls would otherwise block a pool thread for as long as the client stays
     * silent, and endpoints allocated but not yet connecting would starve the pool.
     */
    private void launchWhenReady() {
        if (started.get() && (!server || transport.hasPending()) && launched.compareAndSet(false, true)) {
            executor.execute(() -> handshake(remoteFingerprint));
        }
    }

    /** Whether {@link #start} was called: the remote fingerprint is set and cannot change. */
    public boolean isStarted() {
        return started.get();
    }

    /** Completes with the SRTP keys, or exceptionally when the handshake failed. */
    public CompletableFuture<DtlsSrtpKeys> keys() {
        return keys;
    }

    /** Whether the handshake completed. */
    public boolean isConnected() {
        return established != null;
    }

    /**
     * Hands a DTLS datagram over; never blocks (the datagram is copied and queued; a full queue
     * drops it). Safe to call from the packet thread before, during and after the handshake.
     */
    public void receive(byte[] buf, int off, int len) {
        if (!transport.offer(buf, off, len)) {
            return;
        }
        if (established == null) {
            launchWhenReady();
        } else if (draining.compareAndSet(false, true)) {
            executor.execute(this::drainAfterHandshake);
        }
    }

    /** Stops the handshake if running and releases the association. */
    @Override
    public void close() {
        DTLSTransport t = established;
        if (t != null) {
            try {
                t.close(); // sends close_notify, so the peer learns at once
            } catch (IOException | RuntimeException e) {
                log.debug("DTLS close for {}: {}", label, e.toString());
            }
        }
        transport.close();
        keys.completeExceptionally(new IOException("DTLS session closed"));
    }

    private void handshake(DtlsFingerprint remoteFingerprint) {
        BcTlsCrypto crypto = new BcTlsCrypto(RANDOM);
        SrtpPeerSupport support = new SrtpPeerSupport(crypto, certificate, remoteFingerprint, profiles);
        int timeoutMillis = (int) handshakeTimeout.toMillis();
        try {
            DtlsSrtpKeys result;
            if (server) {
                SrtpDtlsServer tlsServer = new SrtpDtlsServer(crypto, support, timeoutMillis);
                DTLSServerProtocol protocol = new DTLSServerProtocol();
                // ICE has already proved the client owns its address before DTLS starts, so the
                // stateless cookie exchange would only cost a round trip.
                protocol.setVerifyRequests(false);
                established = protocol.accept(tlsServer, transport);
                result = tlsServer.keys();
            } else {
                SrtpDtlsClient tlsClient = new SrtpDtlsClient(crypto, support, timeoutMillis);
                established = new DTLSClientProtocol().connect(tlsClient, transport);
                result = tlsClient.keys();
            }
            log.debug("DTLS {} handshake done for {}: {}", server ? "server" : "client", label, result.profile());
            keys.complete(result);
            if (transport.hasPending() && draining.compareAndSet(false, true)) {
                drainAfterHandshake();
            }
        } catch (IOException | RuntimeException e) {
            log.info("DTLS {} handshake failed for {}: {}", server ? "server" : "client", label, e.toString());
            transport.close();
            keys.completeExceptionally(e);
        }
    }

    /** Feeds queued post-handshake records to bctls (retransmits our last flight if asked). */
    private void drainAfterHandshake() {
        byte[] scratch = new byte[QueueDatagramTransport.RECEIVE_LIMIT];
        try {
            do {
                while (transport.hasPending()) {
                    // Application data is not used (no data channels); bctls handles alerts and
                    // retransmissions inside receive().
                    established.receive(scratch, 0, scratch.length, 1);
                }
                draining.set(false);
            } while (transport.hasPending() && draining.compareAndSet(false, true));
        } catch (IOException | RuntimeException e) {
            draining.set(false);
            log.debug("DTLS record after handshake for {}: {}", label, e.toString());
        }
    }
}
