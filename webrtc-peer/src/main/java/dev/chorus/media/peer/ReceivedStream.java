package dev.chorus.media.peer;

/**
 * What a peer received from one SSRC, decrypted and checked.
 *
 * @param packets RTP packets that passed SRTP
 * @param firstSequence sequence number of the first one
 * @param lastSequence sequence number of the latest one
 * @param inOrder packets whose sequence number was exactly one more than the previous one's
 * @param discontinuities packets that did not follow their predecessor (loss, reordering, a
 *     bridge dropping a muted speaker's packets)
 * @param payloadMismatches packets whose payload is not what the sender put in that packet
 * @param digest CRC-32C over every payload in arrival order; equals the sender's
 *     {@link SentStream#digest()} iff the same payloads arrived in the same order
 * @param lastAudioLevel the last RFC 6464 level seen (0..127 -dBov), -1 if none
 */
public record ReceivedStream(int ssrc, long packets, int firstSequence, int lastSequence, long inOrder,
        long discontinuities, long payloadMismatches, long digest, int lastAudioLevel) {

    /** Every packet received followed the previous one and carried exactly what was sent. */
    public boolean intact() {
        return discontinuities == 0 && payloadMismatches == 0;
    }
}
