package dev.chorus.media.peer;

/**
 * Counters of one peer's receive path; a test asserts on them to see where packets went.
 *
 * @param datagramsReceived every datagram read from the socket
 * @param rtpReceived RTP packets that passed SRTP
 * @param rtcpReceived RTCP compound packets that passed SRTCP
 * @param senderReportsReceived SR packets among them
 * @param srtpRejected packets SRTP/SRTCP refused (authentication, replay, malformed)
 * @param beforeKeys RTP/RTCP that arrived before DTLS finished (dropped)
 * @param stunAnswered checks answered (ICE-lite role) or responses accepted (controlling role)
 * @param ignored datagrams of unknown kind or STUN that failed validation
 */
public record PeerStats(long datagramsReceived, long rtpReceived, long rtcpReceived, long senderReportsReceived,
        long srtpRejected, long beforeKeys, long stunAnswered, long ignored) {
}
