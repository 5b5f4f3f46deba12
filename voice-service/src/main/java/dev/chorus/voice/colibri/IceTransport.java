package dev.chorus.voice.colibri;

import java.util.List;

/** One side's ICE credentials, candidates and DTLS fingerprints: the bridge's (from its answer) or the browser's. */
public record IceTransport(String ufrag, String pwd, List<DtlsFingerprint> fingerprints, List<IceCandidate> candidates) {

    public IceTransport {
        fingerprints = List.copyOf(fingerprints);
        candidates = List.copyOf(candidates);
    }
}
