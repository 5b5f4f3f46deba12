package dev.chorus.media.peer;

/**
 * What a peer has sent on its SSRC.
 *
 * @param digest CRC-32C over every payload in send order (see {@link ReceivedStream#digest()})
 */
public record SentStream(int ssrc, long packets, int firstSequence, int lastSequence, long digest) {
}
