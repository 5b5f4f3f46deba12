package dev.chorus.media.transport.dtls;

import dev.chorus.media.transport.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** A browser-like DTLS 1.2 client offering use_srtp and authenticating with our certificate. */
final class SrtpDtlsClient extends DefaultTlsClient {

    private final SrtpPeerSupport support;
    private final int handshakeTimeoutMillis;
    private SrtpProfile chosen;
    private volatile DtlsSrtpKeys keys;

    SrtpDtlsClient(BcTlsCrypto crypto, SrtpPeerSupport support, int handshakeTimeoutMillis) {
        super(crypto);
        this.support = support;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    DtlsSrtpKeys keys() {
        return keys;
    }

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
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(support.profileIds(), TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData selected = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (selected == null || selected.getProtectionProfiles().length != 1) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server must select one SRTP profile");
        }
        int id = selected.getProtectionProfiles()[0];
        chosen = support.profiles().stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new TlsFatalAlert(AlertDescription.illegal_parameter,
                        "server selected an SRTP profile we did not offer"));
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                support.verifyPeerCertificate(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
                return support.signer(context);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keys = new DtlsSrtpKeys(chosen, SrtpPeerSupport.exportKeys(context, chosen), false);
    }
}
