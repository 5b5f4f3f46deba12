package dev.chorus.media.transport.srtp;

/** What became of a packet given to {@link SrtpSession}: callers count drops by reason. */
public enum SrtpResult {
    OK,
    /** Authentication tag (or AEAD check) failed: forged, corrupted or wrong keys. */
    AUTH_FAILED,
    /** Already seen, or too old for the replay window. */
    REPLAYED,
    /** Too short or otherwise not an (S)RTP/(S)RTCP packet. */
    INVALID
}
