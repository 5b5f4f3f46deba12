package dev.chorus.media.transport.dtls;

import dev.chorus.media.transport.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The bridge's DTLS 1.2 server: requires a client certificate (checked against the signalled
 * fingerprint), picks the first of our SRTP profiles the client offers.
 */
final class SrtpDtlsServer extends DefaultTlsServer {

    private final SrtpPeerSupport support;
    private final int handshakeTimeoutMillis;
    private SrtpProfile chosen;
    private volatile DtlsSrtpKeys keys;

    SrtpDtlsServer(BcTlsCrypto crypto, SrtpPeerSupport support, int handshakeTimeoutMillis) {
        super(crypto);
        this.support = support;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    DtlsSrtpKeys keys() {
        return keys;
    }

    /**
     * DTLS 1.2 only: browsers that offer 1.3 too (Chromium does, with post-quantum key shares)
     * negotiate 1.2 through supported_versions, which bctls handles.
     */
    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), SrtpPeerSupport.CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return support.signer(context);
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "client did not offer use_srtp");
        }
        for (SrtpProfile ours : support.profiles()) {
            for (int theirs : offered.getProtectionProfiles()) {
                if (theirs == ours.id()) {
                    chosen = ours;
                    return;
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {chosen.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public CertificateRequest getCertificateRequest() {
        Vector signatureAlgorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                signatureAlgorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        support.verifyPeerCertificate(clientCertificate);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keys = new DtlsSrtpKeys(chosen, SrtpPeerSupport.exportKeys(context, chosen), true);
    }
}
