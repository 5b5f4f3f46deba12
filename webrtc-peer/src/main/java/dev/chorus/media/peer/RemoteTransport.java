package dev.chorus.media.peer;

import dev.chorus.media.transport.dtls.DtlsFingerprint;
import java.net.InetSocketAddress;

/**
 * What signalling tells a peer about the other side (for a bridge: the Colibri2 endpoint
 * allocation's transport): ICE ufrag and pwd, the candidate to check, the DTLS fingerprint.
 *
 * @param candidate where to send checks; {@code null} when this peer is the ICE-lite side and
 *     learns the address from the checks it receives
 */
public record RemoteTransport(String ufrag, String pwd, InetSocketAddress candidate, DtlsFingerprint fingerprint) {
}
