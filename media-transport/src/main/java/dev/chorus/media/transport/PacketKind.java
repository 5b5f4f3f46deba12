package dev.chorus.media.transport;

/**
 * What a datagram arriving on a WebRTC 5-tuple carries, decided from its first byte as RFC 7983
 * (section 7) prescribes: 0-3 STUN, 20-63 DTLS, 128-191 RTP or RTCP, anything else unknown
 * (ZRTP and TURN channels are not used by Chorus and fall into {@link #UNKNOWN}).
 */
public enum PacketKind {
    STUN, DTLS, RTP_OR_RTCP, UNKNOWN;

    /** Classifies a datagram by its first byte; an empty datagram is {@link #UNKNOWN}. */
    public static PacketKind of(byte[] buf, int off, int len) {
        if (len <= 0) {
            return UNKNOWN;
        }
        int b = buf[off] & 0xff;
        if (b <= 3) {
            return STUN;
        }
        if (b >= 20 && b <= 63) {
            return DTLS;
        }
        if (b >= 128 && b <= 191) {
            return RTP_OR_RTCP;
        }
        return UNKNOWN;
    }
}
