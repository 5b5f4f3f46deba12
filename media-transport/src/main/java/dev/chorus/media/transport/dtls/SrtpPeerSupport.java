package dev.chorus.media.transport.dtls;

import dev.chorus.media.transport.srtp.SrtpProfile;
import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** What the DTLS client and server of a WebRTC association share: credentials, checks, keys. */
final class SrtpPeerSupport {

    /** ECDHE with ECDSA only: our certificate is ECDSA, and WebRTC requires forward secrecy. */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final DtlsFingerprint remoteFingerprint;
    private final List<SrtpProfile> profiles;

    SrtpPeerSupport(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsFingerprint remoteFingerprint,
            List<SrtpProfile> profiles) {
        this.crypto = crypto;
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
        this.profiles = List.copyOf(profiles);
    }

    List<SrtpProfile> profiles() {
        return profiles;
    }

    int[] profileIds() {
        return profiles.stream().mapToInt(SrtpProfile::id).toArray();
    }

    TlsCredentialedSigner signer(TlsContext context) throws IOException {
        Certificate chain = new Certificate(new TlsCertificate[] {crypto.createCertificate(certificate.der())});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                certificate.privateKey(), chain, new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /** The peer's certificate must be the one signalling announced; otherwise no keys, ever. */
    void verifyPeerCertificate(Certificate peer) throws IOException {
        if (peer == null || peer.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required, "peer sent no certificate");
        }
        if (!remoteFingerprint.matches(peer.getCertificateAt(0).getEncoded())) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "peer certificate does not match the signalled fingerprint " + remoteFingerprint);
        }
    }

    /** Exports SRTP keying material once the handshake completed (RFC 5764 section 4.2). */
    static byte[] exportKeys(TlsContext context, SrtpProfile profile) {
        return context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
    }
}
