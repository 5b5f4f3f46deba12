package dev.chorus.media.transport.ice;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The controlling (full agent, browser-like) side's connectivity checks towards one remote
 * candidate: Binding requests with USERNAME {@code <remote>:<local>}, PRIORITY, ICE-CONTROLLING,
 * USE-CANDIDATE (aggressive nomination), MESSAGE-INTEGRITY keyed by the remote pwd; responses are
 * accepted only for one of the last few transactions and with a valid integrity and fingerprint.
 * Thread safety: {@link #newRequest()} and {@link #acceptResponse(StunMessage)} may run on
 * different threads; both are rare (checks, not media), so they share a monitor.
 */
public final class IceControllingChecks {

    /** Priority of a host candidate for component 1 (RFC 8445 section 5.1.2.1: 126, 65535, 1). */
    public static final long HOST_PRIORITY = (126L << 24) | (65535L << 8) | 255L;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IceCredentials local;
    private final IceCredentials remote;
    private final long tieBreaker = RANDOM.nextLong();
    /** Recent transaction ids: a slow answer to an earlier check still proves connectivity. */
    private final byte[][] outstanding = new byte[8][];
    private int next;

    public IceControllingChecks(IceCredentials local, IceCredentials remote) {
        this.local = local;
        this.remote = remote;
    }

    /** A new check, remembered as outstanding. */
    public byte[] newRequest() {
        byte[] txid = new byte[12];
        RANDOM.nextBytes(txid);
        synchronized (outstanding) {
            outstanding[next] = txid;
            next = (next + 1) % outstanding.length;
        }
        return new StunMessageBuilder(StunMessage.BINDING_REQUEST, txid)
                .username(remote.ufrag() + ":" + local.ufrag())
                .priority(HOST_PRIORITY)
                .iceControlling(tieBreaker)
                .useCandidate()
                .build(remote.integrityKey());
    }

    /** True when {@code response} is a valid success answer to an outstanding check. */
    public boolean acceptResponse(StunMessage response) {
        if (!response.isBindingSuccess() || !isOutstanding(response.transactionId())) {
            return false;
        }
        return response.checkFingerprint() && response.checkMessageIntegrity(remote.integrityKey());
    }

    private boolean isOutstanding(byte[] txid) {
        synchronized (outstanding) {
            for (byte[] candidate : outstanding) {
                if (Arrays.equals(candidate, txid)) {
                    return true;
                }
            }
            return false;
        }
    }
}
