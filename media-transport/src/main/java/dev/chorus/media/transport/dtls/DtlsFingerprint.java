package dev.chorus.media.transport.dtls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as SDP and Colibri2 carry it (RFC 8122): a hash function name
 * ({@code sha-256}, also sha-1/sha-384/sha-512) and upper-case hex bytes separated by colons.
 */
public record DtlsFingerprint(String hashFunction, String value) {

    public DtlsFingerprint {
        hashFunction = hashFunction.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
        javaDigestName(hashFunction);
    }

    /** The sha-256 fingerprint of a DER-encoded certificate. */
    public static DtlsFingerprint sha256Of(byte[] derCertificate) {
        return of("sha-256", derCertificate);
    }

    static DtlsFingerprint of(String hashFunction, byte[] derCertificate) {
        try {
            byte[] digest = MessageDigest.getInstance(javaDigestName(hashFunction)).digest(derCertificate);
            return new DtlsFingerprint(hashFunction, HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(hashFunction + " unavailable", e);
        }
    }

    /** Whether a DER certificate hashes, with this fingerprint's function, to this value. */
    public boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(of(hashFunction, derCertificate).value.getBytes(StandardCharsets.US_ASCII),
                value.getBytes(StandardCharsets.US_ASCII));
    }

    private static String javaDigestName(String hashFunction) {
        return switch (hashFunction) {
            case "sha-1" -> "SHA-1";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported fingerprint hash: " + hashFunction);
        };
    }

    @Override
    public String toString() {
        return hashFunction + " " + value;
    }
}
