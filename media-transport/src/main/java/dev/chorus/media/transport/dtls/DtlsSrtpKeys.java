package dev.chorus.media.transport.dtls;

import dev.chorus.media.transport.srtp.SrtpProfile;
import dev.chorus.media.transport.srtp.SrtpSession;

/**
 * What a completed DTLS-SRTP handshake yields: the negotiated profile and the exported keying
 * material ({@code EXTRACTOR-dtls_srtp}, RFC 5764 section 4.2).
 *
 * @param isServer whether this side was the DTLS server
 */
public record DtlsSrtpKeys(SrtpProfile profile, byte[] keyingMaterial, boolean isServer) {

    /** The SRTP session these keys set up for this side. */
    public SrtpSession newSrtpSession() {
        return SrtpSession.forProfile(profile, keyingMaterial, isServer);
    }
}
