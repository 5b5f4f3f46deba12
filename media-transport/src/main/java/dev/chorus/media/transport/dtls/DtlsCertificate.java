package dev.chorus.media.transport.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate and its key, generated in memory (one per bridge or peer
 * start); WebRTC authenticates it by the fingerprint exchanged through signalling, not by a CA.
 * Uses BouncyCastle's lightweight API so no JCA provider is registered process-wide.
 */
public final class DtlsCertificate {

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final DtlsFingerprint fingerprint;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = DtlsFingerprint.sha256Of(der);
    }

    /** Generates a key pair and a certificate valid from a day ago for 30 days. */
    public static DtlsCertificate generate() {
        SecureRandom random = new SecureRandom();
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(
                SECObjectIdentifiers.secp256r1, ECNamedCurveTable.getByName("P-256")), random));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=chorus");
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name,
                    new BigInteger(63, random), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
            byte[] der = builder.build(new BcECContentSignerBuilder(signature, digest).build(keyPair.getPrivate()))
                    .getEncoded();
            return new DtlsCertificate(der, keyPair.getPrivate());
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the DTLS certificate", e);
        }
    }

    /** The sha-256 fingerprint to announce in signalling. */
    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }

    byte[] der() {
        return der;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }
}
