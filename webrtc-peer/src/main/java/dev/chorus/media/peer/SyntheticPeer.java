package dev.chorus.media.peer;

import dev.chorus.media.transport.PacketBuffer;
import dev.chorus.media.transport.PacketKind;
import dev.chorus.media.transport.dtls.DtlsCertificate;
import dev.chorus.media.transport.dtls.DtlsFingerprint;
import dev.chorus.media.transport.dtls.DtlsSession;
import dev.chorus.media.transport.dtls.DtlsSrtpKeys;
import dev.chorus.media.transport.ice.IceControllingChecks;
import dev.chorus.media.transport.ice.IceCredentials;
import dev.chorus.media.transport.ice.IceLiteResponder;
import dev.chorus.media.transport.ice.StunMessage;
import dev.chorus.media.transport.rtp.AudioLevelExtension;
import dev.chorus.media.transport.rtp.ReceiverReport;
import dev.chorus.media.transport.rtp.ReportBlock;
import dev.chorus.media.transport.rtp.RtcpPackets;
import dev.chorus.media.transport.rtp.RtpHeader;
import dev.chorus.media.transport.rtp.SenderReport;
import dev.chorus.media.transport.srtp.SrtpProfile;
import dev.chorus.media.transport.srtp.SrtpResult;
import dev.chorus.media.transport.srtp.SrtpSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthetic WebRTC audio peer doing on the wire what a browser does: ICE connectivity checks as
 * the controlling agent with USE-CANDIDATE, DTLS client with use_srtp, then SRTP Opus-sized RTP
 * (payload type 111, 60-100 byte payloads, audio level extension) at 50 packets a second on its
 * own SSRC, and SRTCP reports once a second. It decrypts and checks everything it receives, per
 * SSRC, so a test can assert that every packet A sent reached B, in order, with its payload.
 * <p>
 * For tests without a bridge it can also take the bridge's role ({@link #accept}): ICE-lite
 * answers and DTLS server.
 * <p>
 * Give the caller's signalling {@link #iceCredentials()}, {@link #fingerprint()},
 * {@link #ssrc()} and {@link #localAddress()} (for a Colibri2 PATCH of the endpoint's transport).
 */
public final class SyntheticPeer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyntheticPeer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CHECK_INTERVAL_MS = 50;
    private static final long CONSENT_INTERVAL_MS = 5_000;
    private static final long RTCP_INTERVAL_MS = 1_000;
    private static final int MAX_STREAMS = 1024;

    private final PeerRuntime runtime;
    private final PeerOptions options;
    private final IceCredentials iceCredentials = IceCredentials.random();
    private final DtlsCertificate certificate;
    private final int ssrc;
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final AudioLevelExtension audioLevelExtension;
    private final PayloadPattern pattern;
    private final CompletableFuture<SrtpProfile> connected = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    private volatile InetSocketAddress remoteAddress;
    private volatile IceControllingChecks checks;
    private volatile IceLiteResponder responder;
    private volatile DtlsSession dtls;
    private volatile SrtpSession srtp;
    private volatile StreamRecorder[] streams = new StreamRecorder[0];
    private final AtomicBoolean iceConnected = new AtomicBoolean();
    private volatile DtlsFingerprint remoteFingerprint;
    /** Reused by the selector loop: a peer's datagrams are always read by the same loop. */
    private final PacketBuffer receivePacket = new PacketBuffer(new byte[0], 0, 0);

    // Receive counters: written by this peer's selector loop only, read by anyone.
    private volatile long datagramsReceived;
    private volatile long rtpReceived;
    private volatile long rtcpReceived;
    private volatile long senderReportsReceived;
    private volatile long srtpRejected;
    private volatile long beforeKeys;
    private volatile long stunAnswered;
    private volatile long ignored;

    // Send state: touched by the pacer's send task only (a fixed-rate task never overlaps itself);
    // what sent() reports is guarded by sentDigest's monitor.
    private final byte[] sendArray = new byte[1500];
    private final ByteBuffer sendBuffer = ByteBuffer.wrap(sendArray);
    private final PacketBuffer sendPacket = new PacketBuffer(sendArray, 0, 0);
    private final CRC32C sentDigest = new CRC32C();
    private final int firstSequence = RANDOM.nextInt(0x10000);
    private int nextSequence = firstSequence;
    private long nextTimestamp = RANDOM.nextInt() & 0xffffffffL;
    private volatile long packetsSent;
    private volatile long octetsSent;
    private volatile int audioLevel = 30;
    private volatile boolean voiceActivity = true;
    private ScheduledFuture<?> sending;

    private SyntheticPeer(PeerRuntime runtime, PeerOptions options, DtlsCertificate certificate,
            InetSocketAddress bindAddress) {
        this.runtime = runtime;
        this.options = options;
        this.certificate = certificate;
        this.ssrc = RANDOM.nextInt() | 1; // never 0, which some stacks treat as unset
        this.audioLevelExtension = new AudioLevelExtension(options.audioLevelExtensionId());
        this.pattern = new PayloadPattern(options.minPayloadBytes(), options.maxPayloadBytes());
        this.channel = runtime.open(bindAddress, this);
        try {
            this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("socket without a local address", e);
        }
    }

    /** A peer on 127.0.0.1 with its own certificate and default options. */
    public static SyntheticPeer create(PeerRuntime runtime) {
        return create(runtime, PeerOptions.DEFAULTS, DtlsCertificate.generate(), new InetSocketAddress("127.0.0.1", 0));
    }

    /**
     * A peer bound to {@code bindAddress}. Sharing one certificate between many peers saves key
     * generation in benchmarks; browsers use one per connection.
     */
    public static SyntheticPeer create(PeerRuntime runtime, PeerOptions options, DtlsCertificate certificate,
            InetSocketAddress bindAddress) {
        return new SyntheticPeer(runtime, options, certificate, bindAddress);
    }

    public IceCredentials iceCredentials() {
        return iceCredentials;
    }

    public DtlsFingerprint fingerprint() {
        return certificate.fingerprint();
    }

    /** The SSRC this peer sends audio on (unsigned value in an int). */
    public int ssrc() {
        return ssrc;
    }

    /** The host candidate (ip, port) this peer checks from and receives on. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Connects like a browser: ICE checks to {@code remote.candidate()} every 50 ms until one is
     * answered, then a DTLS client handshake; consent checks every 5 s afterwards. Completes with the negotiated SRTP profile once media
     * can flow; fails on a DTLS error or after the connect timeout.
     */
    public CompletableFuture<SrtpProfile> connect(RemoteTransport remote) {
        if (remote.candidate() == null) {
            throw new IllegalArgumentException("a controlling peer needs the remote candidate");
        }
        beginOnce();
        remoteAddress = remote.candidate();
        checks = new IceControllingChecks(iceCredentials, new IceCredentials(remote.ufrag(), remote.pwd()));
        remoteFingerprint = remote.fingerprint();
        dtls = DtlsSession.client(toString(), certificate, this::sendToRemote).profiles(options.srtpProfiles());
        schedule(this::sendCheckUntilConnected, 0, CHECK_INTERVAL_MS);
        schedule(this::sendConsentCheck, CONSENT_INTERVAL_MS, CONSENT_INTERVAL_MS);
        return connected; // DTLS starts once a check is answered, as in a browser
    }

    /**
     * Takes the bridge's role for a direct test: answers ICE checks as ICE-lite (learning the
     * remote address from them) and runs the DTLS server.
     */
    public CompletableFuture<SrtpProfile> accept(RemoteTransport remote) {
        beginOnce();
        responder = new IceLiteResponder(iceCredentials, remote.ufrag());
        dtls = DtlsSession.server(toString(), certificate, this::sendToRemote).profiles(options.srtpProfiles());
        startDtls(remote.fingerprint());
        return connected;
    }

    /** Sends audio from now on, 50 packets a second (after {@code connect} completes). */
    public synchronized void startSending() {
        if (sending == null) {
            long interval = options.packetInterval().toNanos();
            sending = runtime.scheduler().scheduleAtFixedRate(this::sendAudioPacket, 0, interval, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops sending audio (RTCP and consent checks continue). */
    public synchronized void stopSending() {
        if (sending != null) {
            sending.cancel(false);
            sending = null;
        }
    }

    /** The level the audio level extension announces: 0 loudest .. 127 silence. */
    public void audioLevel(int levelDbov, boolean voiceActivity) {
        this.audioLevel = levelDbov;
        this.voiceActivity = voiceActivity;
    }

    /** Sends an arbitrary datagram to the remote address (for robustness tests). */
    public void sendDatagram(byte[] datagram) {
        sendToRemote(datagram, 0, datagram.length);
    }

    public boolean isConnected() {
        return connected.isDone() && !connected.isCompletedExceptionally();
    }

    public CompletableFuture<SrtpProfile> connection() {
        return connected;
    }

    /** What this peer has sent so far. */
    public SentStream sent() {
        synchronized (sentDigest) {
            return new SentStream(ssrc, packetsSent, firstSequence, (nextSequence - 1) & 0xffff, sentDigest.getValue());
        }
    }

    /** What this peer received from {@code fromSsrc}, if anything. */
    public Optional<ReceivedStream> received(int fromSsrc) {
        StreamRecorder r = find(fromSsrc);
        return r == null ? Optional.empty() : Optional.of(r.snapshot());
    }

    /** Every stream received so far. */
    public List<ReceivedStream> receivedStreams() {
        return Arrays.stream(streams).map(StreamRecorder::snapshot).toList();
    }

    public PeerStats stats() {
        return new PeerStats(datagramsReceived, rtpReceived, rtcpReceived, senderReportsReceived, srtpRejected,
                beforeKeys, stunAnswered, ignored);
    }

    /** Stops sending, releases the socket, DTLS and SRTP state. */
    @Override
    public void close() {
        synchronized (this) {
            stopSending();
            timers.forEach(t -> t.cancel(false));
            timers.clear();
        }
        DtlsSession d = dtls;
        if (d != null) {
            d.close();
        }
        SrtpSession s = srtp;
        srtp = null;
        if (s != null) {
            s.close();
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing {}: {}", this, e.toString());
        }
        connected.completeExceptionally(new IllegalStateException("peer closed"));
    }

    @Override
    public String toString() {
        return "peer-" + Integer.toUnsignedString(ssrc);
    }

    // --- connection set-up ---

    private void beginOnce() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(this + " already connecting");
        }
        connected.orTimeout(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((profile, error) -> {
                    if (error instanceof TimeoutException) {
                        log.info("{} did not connect within {}", this, options.connectTimeout());
                    }
                });
        schedule(this::sendReports, RTCP_INTERVAL_MS, RTCP_INTERVAL_MS);
    }

    private void startDtls(DtlsFingerprint remoteFingerprint) {
        dtls.start(remoteFingerprint, runtime.handshakes(dtls.isServer())).whenComplete(this::onKeys);
    }

    private void onKeys(DtlsSrtpKeys keys, Throwable error) {
        if (error != null) {
            connected.completeExceptionally(error);
            return;
        }
        srtp = keys.newSrtpSession();
        connected.complete(keys.profile());
    }

    private void sendCheckUntilConnected() {
        if (iceConnected.get()) {
            return;
        }
        sendToRemote(checks.newRequest());
    }

    private void sendConsentCheck() {
        if (iceConnected.get()) {
            sendToRemote(checks.newRequest());
        }
    }

    private synchronized void schedule(Runnable task, long delayMs, long periodMs) {
        timers.add(runtime.scheduler().scheduleAtFixedRate(task, delayMs, periodMs, TimeUnit.MILLISECONDS));
    }

    // --- receive path (selector loop) ---

    void onDatagram(byte[] buf, int len, InetSocketAddress from) {
        datagramsReceived++;
        switch (PacketKind.of(buf, 0, len)) {
            case STUN -> onStun(buf, len, from);
            case DTLS -> {
                DtlsSession d = dtls;
                if (d != null && from.equals(remoteAddress)) {
                    d.receive(buf, 0, len);
                } else {
                    ignored++;
                }
            }
            case RTP_OR_RTCP -> onMedia(buf, len);
            default -> ignored++;
        }
    }

    private void onStun(byte[] buf, int len, InetSocketAddress from) {
        StunMessage message = StunMessage.parse(buf, 0, len);
        if (message == null) {
            ignored++;
            return;
        }
        IceLiteResponder r = responder;
        IceControllingChecks c = checks;
        if (r != null && message.isBindingRequest()) {
            IceLiteResponder.CheckOutcome outcome = r.answer(message, from);
            if (!outcome.valid()) {
                ignored++;
                return;
            }
            stunAnswered++;
            if (remoteAddress == null || outcome.nominated()) {
                remoteAddress = from;
            }
            send(outcome.response(), 0, outcome.response().length, from);
        } else if (c != null && c.acceptResponse(message)) {
            stunAnswered++;
            if (iceConnected.compareAndSet(false, true)) {
                startDtls(remoteFingerprint);
            }
        } else {
            ignored++;
        }
    }

    private void onMedia(byte[] buf, int len) {
        SrtpSession s = srtp;
        if (s == null) {
            beforeKeys++;
            return;
        }
        PacketBuffer packet = receivePacket.set(buf, 0, len);
        if (RtpHeader.isRtcp(buf, 0, len)) {
            if (s.unprotectRtcp(packet) != SrtpResult.OK) {
                srtpRejected++;
                return;
            }
            rtcpReceived++;
            onRtcp(packet.getBuffer(), packet.getOffset(), packet.getLength());
            return;
        }
        if (s.unprotectRtp(packet) != SrtpResult.OK) {
            srtpRejected++;
            return;
        }
        byte[] b = packet.getBuffer();
        int off = packet.getOffset();
        int plen = packet.getLength();
        int header = RtpHeader.isValid(b, off, plen) ? RtpHeader.headerLength(b, off, plen) : -1;
        int payloadLength = header < 0 ? -1 : RtpHeader.payloadLength(b, off, plen);
        if (payloadLength < 0) {
            ignored++;
            return;
        }
        rtpReceived++;
        int fromSsrc = RtpHeader.ssrc(b, off);
        int seq = RtpHeader.sequenceNumber(b, off);
        int level = audioLevelExtension.find(b, off, plen);
        boolean payloadOk = pattern.matches(b, off + header, payloadLength, fromSsrc, seq);
        recorder(fromSsrc).record(seq, RtpHeader.timestamp(b, off), b, off + header, payloadLength, payloadOk,
                level < 0 ? -1 : AudioLevelExtension.level(level), System.nanoTime());
    }

    private void onRtcp(byte[] buf, int off, int len) {
        if (!RtcpPackets.isValidCompound(buf, off, len)) {
            return;
        }
        for (int pos = off; pos < off + len; pos = RtcpPackets.next(buf, pos)) {
            if (RtcpPackets.packetType(buf, pos) == RtcpPackets.SR) {
                senderReportsReceived++;
                SenderReport sr = SenderReport.read(buf, pos, off + len - pos);
                if (sr != null) {
                    recorder(sr.ssrc()).reception().senderReportReceived(sr, System.nanoTime());
                }
            }
        }
    }

    private StreamRecorder find(int fromSsrc) {
        for (StreamRecorder r : streams) {
            if (r.ssrc() == fromSsrc) {
                return r;
            }
        }
        return null;
    }

    /** Only the selector loop adds recorders, so copy-on-write needs no lock. */
    private StreamRecorder recorder(int fromSsrc) {
        StreamRecorder r = find(fromSsrc);
        if (r == null) {
            StreamRecorder[] current = streams;
            if (current.length >= MAX_STREAMS) {
                throw new IllegalStateException(this + " receives more than " + MAX_STREAMS + " streams");
            }
            r = new StreamRecorder(fromSsrc);
            StreamRecorder[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = r;
            streams = grown;
        }
        return r;
    }

    // --- send path (pacer) ---

    private void sendAudioPacket() {
        SrtpSession s = srtp;
        InetSocketAddress to = remoteAddress;
        if (s == null || to == null) {
            return;
        }
        int seq = nextSequence & 0xffff;
        int header = audioLevelExtension.writeHeader(sendArray, 0, options.payloadType(), seq, nextTimestamp, ssrc,
                audioLevel, voiceActivity);
        int payload = pattern.write(sendArray, header, ssrc, seq);
        sendPacket.set(sendArray, 0, header + payload);
        synchronized (sentDigest) {
            // Before protecting: SRTP encrypts the payload in place.
            sentDigest.update(sendArray, header, payload);
            packetsSent++;
            nextSequence = seq + 1;
        }
        if (s.protectRtp(sendPacket) != SrtpResult.OK) {
            return; // only after close(), which released the SRTP contexts
        }
        octetsSent += payload;
        nextTimestamp = (nextTimestamp + 960) & 0xffffffffL; // 20 ms at 48 kHz
        send(sendPacket.getBuffer(), sendPacket.getOffset(), sendPacket.getLength(), to);
    }

    /** Once a second, like a browser: an SR when sending, else an RR, with one block per source. */
    private void sendReports() {
        SrtpSession s = srtp;
        InetSocketAddress to = remoteAddress;
        if (s == null || to == null) {
            return;
        }
        long now = System.nanoTime();
        List<ReportBlock> blocks = new ArrayList<>();
        for (StreamRecorder r : streams) {
            if (blocks.size() < ReceiverReport.MAX_BLOCKS) {
                blocks.add(r.reception().reportBlock(now));
            }
        }
        byte[] report = new byte[1500];
        int len;
        if (packetsSent > 0) {
            long rtpTimestamp = nextTimestamp;
            len = new SenderReport(ssrc, SenderReport.ntpTime(System.currentTimeMillis()), rtpTimestamp, packetsSent,
                    octetsSent, blocks).write(report, 0);
        } else {
            len = new ReceiverReport(ssrc, blocks).write(report, 0);
        }
        PacketBuffer packet = new PacketBuffer(report, 0, len);
        if (s.protectRtcp(packet) == SrtpResult.OK) {
            send(packet.getBuffer(), packet.getOffset(), packet.getLength(), to);
        }
    }

    private void sendToRemote(byte[] datagram) {
        sendToRemote(datagram, 0, datagram.length);
    }

    private void sendToRemote(byte[] buf, int off, int len) {
        InetSocketAddress to = remoteAddress;
        if (to != null) {
            send(buf, off, len, to);
        }
    }

    private void send(byte[] buf, int off, int len, InetSocketAddress to) {
        try {
            ByteBuffer bb = buf == sendArray ? sendBuffer.clear().position(off).limit(off + len)
                    : ByteBuffer.wrap(buf, off, len);
            channel.send(bb, to);
        } catch (IOException e) {
            log.debug("{} send to {} failed: {}", this, to, e.toString());
        }
    }
}
