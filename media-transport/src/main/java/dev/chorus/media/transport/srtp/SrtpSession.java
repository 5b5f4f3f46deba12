package dev.chorus.media.transport.srtp;

import dev.chorus.media.transport.PacketBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.jitsi.srtp.BaseSrtpCryptoContext;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP and SRTCP for one DTLS association (one endpoint), on top of jitsi-srtp: protect what we
 * send with our write key, unprotect what we receive with the peer's, replay protection on in
 * both directions. Crypto contexts are derived lazily per SSRC (RFC 3711 keeps per-SSRC state).
 * <p>
 * Threading: protect and unprotect may run on different threads. Lookups of per-SSRC contexts
 * never lock; adding a new SSRC (rare) copies a small array under this session's monitor.
 * jitsi-srtp synchronizes each context itself.
 */
public final class SrtpSession implements AutoCloseable {

    private static final Logger SRTP_LOGGER = new LoggerImpl(SrtpSession.class.getName());

    private final SrtpProfile profile;
    private final SrtpContextFactory sendFactory;
    private final SrtpContextFactory receiveFactory;
    private final ContextTable<SrtpCryptoContext> rtpSend = new ContextTable<>();
    private final ContextTable<SrtpCryptoContext> rtpReceive = new ContextTable<>();
    private final ContextTable<SrtcpCryptoContext> rtcpSend = new ContextTable<>();
    private final ContextTable<SrtcpCryptoContext> rtcpReceive = new ContextTable<>();
    private volatile boolean closed;

    private SrtpSession(SrtpProfile profile, byte[] km, boolean isServer) {
        this.profile = profile;
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (km.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material for " + profile + " has "
                    + profile.keyingMaterialLength() + " bytes, got " + km.length);
        }
        // RFC 5764 section 4.2: client_write_key | server_write_key | client_write_salt | server_write_salt
        byte[] clientKey = Arrays.copyOfRange(km, 0, k);
        byte[] serverKey = Arrays.copyOfRange(km, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(km, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(km, 2 * k + s, 2 * k + 2 * s);
        this.sendFactory = new SrtpContextFactory(true, isServer ? serverKey : clientKey,
                isServer ? serverSalt : clientSalt, policy(profile), policy(profile), SRTP_LOGGER);
        this.receiveFactory = new SrtpContextFactory(false, isServer ? clientKey : serverKey,
                isServer ? clientSalt : serverSalt, policy(profile), policy(profile), SRTP_LOGGER);
    }

    /**
     * @param profile the profile DTLS negotiated
     * @param keyingMaterial the RFC 5764 exporter output ({@code EXTRACTOR-dtls_srtp})
     * @param isServer whether this side was the DTLS server (it then writes with the server key)
     */
    public static SrtpSession forProfile(SrtpProfile profile, byte[] keyingMaterial, boolean isServer) {
        return new SrtpSession(profile, keyingMaterial, isServer);
    }

    /**
     * Runs one packet through both profiles. jitsi-srtp chooses its AES implementation (OpenSSL
     * through its bundled native library, SunJCE or BouncyCastle) by timing them on first use,
     * which takes about a second once per JVM; a bridge calls this at start so that the first
     * endpoint's first packets are not the ones waiting.
     */
    public static void warmUp() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            byte[] km = new byte[profile.keyingMaterialLength()];
            try (SrtpSession sender = forProfile(profile, km, false); SrtpSession receiver = forProfile(profile, km, true)) {
                PacketBuffer packet = new PacketBuffer(new byte[64 + PacketBuffer.TRAILER_ROOM], 0, 64);
                packet.getBuffer()[0] = (byte) 0x80;
                sender.protectRtp(packet);
                receiver.unprotectRtp(packet);
            }
        }
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Encrypts an RTP packet in place and appends its tag (the buffer's length grows). */
    public SrtpResult protectRtp(PacketBuffer packet) {
        if (packet.getLength() < 12) {
            return SrtpResult.INVALID;
        }
        SrtpCryptoContext ctx = rtpSend.get(ssrcOf(packet, 8));
        if (ctx == null) {
            ctx = rtpSend.add(ssrcOf(packet, 8), ssrc -> sendFactory.deriveContext(ssrc, 0));
            if (ctx == null) {
                return SrtpResult.INVALID;
            }
        }
        try {
            return map(ctx.transformPacket(packet));
        } catch (GeneralSecurityException e) {
            return SrtpResult.INVALID;
        }
    }

    /** Authenticates, checks replay and decrypts an SRTP packet in place (the tag is removed). */
    public SrtpResult unprotectRtp(PacketBuffer packet) {
        if (packet.getLength() < 12 + profile.tagLength()) {
            return SrtpResult.INVALID;
        }
        int ssrc = ssrcOf(packet, 8);
        SrtpCryptoContext ctx = rtpReceive.get(ssrc);
        boolean fresh = ctx == null;
        if (fresh) {
            ctx = rtpReceive.add(ssrc, s -> receiveFactory.deriveContext(s, 0));
            if (ctx == null) {
                return SrtpResult.INVALID;
            }
        }
        SrtpResult result;
        try {
            result = map(ctx.reverseTransformPacket(packet, false));
        } catch (GeneralSecurityException e) {
            result = SrtpResult.INVALID;
        }
        if (fresh && result != SrtpResult.OK) {
            rtpReceive.remove(ssrc, ctx); // forged SSRCs must not accumulate contexts
        }
        return result;
    }

    /** Encrypts an RTCP compound packet in place, appending the SRTCP index and tag. */
    public SrtpResult protectRtcp(PacketBuffer packet) {
        if (packet.getLength() < 8) {
            return SrtpResult.INVALID;
        }
        SrtcpCryptoContext ctx = rtcpSend.get(ssrcOf(packet, 4));
        if (ctx == null) {
            ctx = rtcpSend.add(ssrcOf(packet, 4), sendFactory::deriveControlContext);
            if (ctx == null) {
                return SrtpResult.INVALID;
            }
        }
        try {
            return map(ctx.transformPacket(packet));
        } catch (GeneralSecurityException e) {
            return SrtpResult.INVALID;
        }
    }

    /** Authenticates, checks replay and decrypts an SRTCP packet in place. */
    public SrtpResult unprotectRtcp(PacketBuffer packet) {
        if (packet.getLength() < 8 + 4 + profile.tagLength()) {
            return SrtpResult.INVALID;
        }
        int ssrc = ssrcOf(packet, 4);
        SrtcpCryptoContext ctx = rtcpReceive.get(ssrc);
        boolean fresh = ctx == null;
        if (fresh) {
            ctx = rtcpReceive.add(ssrc, receiveFactory::deriveControlContext);
            if (ctx == null) {
                return SrtpResult.INVALID;
            }
        }
        SrtpResult result;
        try {
            result = map(ctx.reverseTransformPacket(packet));
        } catch (GeneralSecurityException e) {
            result = SrtpResult.INVALID;
        }
        if (fresh && result != SrtpResult.OK) {
            rtcpReceive.remove(ssrc, ctx);
        }
        return result;
    }

    /** Number of SSRCs this session holds contexts for, both directions, RTP and RTCP. */
    public int contextCount() {
        return rtpSend.size() + rtpReceive.size() + rtcpSend.size() + rtcpReceive.size();
    }

    /** Releases every crypto context; later calls answer {@link SrtpResult#INVALID}. */
    @Override
    public void close() {
        closed = true;
        rtpSend.clear();
        rtpReceive.clear();
        rtcpSend.clear();
        rtcpReceive.clear();
        sendFactory.close();
        receiveFactory.close();
    }

    private static int ssrcOf(PacketBuffer p, int at) {
        byte[] b = p.getBuffer();
        int o = p.getOffset() + at;
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    private static SrtpResult map(SrtpErrorStatus status) {
        return switch (status) {
            case OK -> SrtpResult.OK;
            case AUTH_FAIL -> SrtpResult.AUTH_FAILED;
            case REPLAY_FAIL, REPLAY_OLD -> SrtpResult.REPLAYED;
            default -> SrtpResult.INVALID;
        };
    }

    private static SrtpPolicy policy(SrtpProfile profile) {
        SrtpPolicy policy = switch (profile) {
            case AES128_CM_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.keyLength(),
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, profile.tagLength(), profile.saltLength());
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.keyLength(),
                    SrtpPolicy.NULL_AUTHENTICATION, 0, profile.tagLength(), profile.saltLength());
        };
        policy.setReceiveReplayEnabled(true);
        policy.setSendReplayEnabled(true);
        return policy;
    }

    @FunctionalInterface
    private interface Derivation<C> {
        C derive(int ssrc) throws GeneralSecurityException;
    }

    /** SSRC to context, read without locks: a copy-on-write array of entries, tiny for audio. */
    private final class ContextTable<C extends BaseSrtpCryptoContext> {
        private record Entry<C>(int ssrc, C context) {
        }

        @SuppressWarnings("unchecked")
        private volatile Entry<C>[] entries = new Entry[0];

        C get(int ssrc) {
            for (Entry<C> e : entries) {
                if (e.ssrc() == ssrc) {
                    return e.context();
                }
            }
            return null;
        }

        /** Derives and adds {@code ssrc}'s context; {@code null} once the session is closed. */
        C add(int ssrc, Derivation<C> derivation) {
            synchronized (SrtpSession.this) {
                C existing = get(ssrc);
                if (existing != null) {
                    return existing;
                }
                if (closed) {
                    return null;
                }
                C created;
                try {
                    created = derivation.derive(ssrc);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot derive SRTP context", e);
                }
                Entry<C>[] grown = Arrays.copyOf(entries, entries.length + 1);
                grown[entries.length] = new Entry<>(ssrc, created);
                entries = grown;
                return created;
            }
        }

        /** Removes {@code ssrc}'s context if it is still {@code expected}. */
        void remove(int ssrc, C expected) {
            synchronized (SrtpSession.this) {
                Entry<C>[] current = entries;
                for (int i = 0; i < current.length; i++) {
                    if (current[i].ssrc() == ssrc && current[i].context() == expected) {
                        Entry<C>[] fewer = Arrays.copyOf(current, current.length - 1);
                        System.arraycopy(current, i + 1, fewer, i, current.length - i - 1);
                        entries = fewer;
                        return;
                    }
                }
            }
        }

        int size() {
            return entries.length;
        }

        @SuppressWarnings("unchecked")
        void clear() {
            synchronized (SrtpSession.this) {
                entries = new Entry[0];
            }
        }
    }
}
