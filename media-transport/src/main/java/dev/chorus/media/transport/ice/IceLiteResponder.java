package dev.chorus.media.transport.ice;

import java.net.InetSocketAddress;

/**
 * The ICE-lite, controlled side of one endpoint (RFC 8445 section 7.3): answers Binding requests
 * whose USERNAME starts with our ufrag (and ends with the remote ufrag when known) and whose
 * MESSAGE-INTEGRITY verifies with our pwd; everything else is ignored without an answer, so a
 * forged or stale check cannot move the endpoint. Credentials are replaced on an ICE restart.
 * <p>
 * Thread safety: credentials are read from a volatile snapshot, so the packet thread answering
 * checks never waits for the control plane that restarts ICE.
 */
public final class IceLiteResponder {

    private record Credentials(IceCredentials local, String remoteUfrag) {
    }

    private volatile Credentials credentials;

    /**
     * @param local the credentials this side announced
     * @param remoteUfrag the peer's ufrag when signalling gave it already, else {@code null}
     */
    public IceLiteResponder(IceCredentials local, String remoteUfrag) {
        this.credentials = new Credentials(local, remoteUfrag);
    }

    /** ICE restart: checks with the old credentials are ignored from now on. */
    public void restart(IceCredentials newLocal, String newRemoteUfrag) {
        this.credentials = new Credentials(newLocal, newRemoteUfrag);
    }

    /** Sets the remote ufrag once signalling delivers it (keeps our credentials). */
    public void remoteUfrag(String remoteUfrag) {
        this.credentials = new Credentials(credentials.local(), remoteUfrag);
    }

    public IceCredentials localCredentials() {
        return credentials.local();
    }

    /**
     * The ufrag a check is addressed to (the part of USERNAME before ':'), for finding the endpoint
     * a check from a not yet known address belongs to; {@code null} if the message has none.
     */
    public static String targetUfrag(StunMessage message) {
        String username = message.username();
        if (username == null) {
            return null;
        }
        int colon = username.indexOf(':');
        return colon < 0 ? null : username.substring(0, colon);
    }

    /**
     * Validates a connectivity check and builds the success response.
     *
     * @return the outcome; {@link CheckOutcome#response()} is {@code null} when the request must be
     *     ignored
     */
    public CheckOutcome answer(StunMessage request, InetSocketAddress source) {
        Credentials c = credentials;
        if (!request.isBindingRequest() || !request.hasFingerprint() || !request.checkFingerprint()) {
            return CheckOutcome.IGNORED;
        }
        String username = request.username();
        if (username == null) {
            return CheckOutcome.IGNORED;
        }
        int colon = username.indexOf(':');
        if (colon < 0 || !username.substring(0, colon).equals(c.local().ufrag())) {
            return CheckOutcome.IGNORED;
        }
        if (c.remoteUfrag() != null && !username.substring(colon + 1).equals(c.remoteUfrag())) {
            return CheckOutcome.IGNORED;
        }
        byte[] key = c.local().integrityKey();
        if (!request.checkMessageIntegrity(key)) {
            return CheckOutcome.IGNORED;
        }
        byte[] response = new StunMessageBuilder(StunMessage.BINDING_SUCCESS, request.transactionId())
                .xorMappedAddress(source)
                .build(key);
        return new CheckOutcome(response, request.useCandidate());
    }

    /**
     * The result of a check.
     *
     * @param response the datagram to send back to the check's source, {@code null} to ignore it
     * @param nominated whether the controlling agent nominated this pair (USE-CANDIDATE)
     */
    public record CheckOutcome(byte[] response, boolean nominated) {
        static final CheckOutcome IGNORED = new CheckOutcome(null, false);

        public boolean valid() {
            return response != null;
        }
    }
}
