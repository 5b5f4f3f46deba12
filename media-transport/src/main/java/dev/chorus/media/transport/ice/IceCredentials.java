package dev.chorus.media.transport.ice;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * One side's ICE ufrag and password (RFC 8445 section 5.3). Random ones carry 48 and 144 bits of
 * entropy from the ice-char alphabet, above the RFC's 24 and 128 bit minimums.
 */
public record IceCredentials(String ufrag, String pwd) {

    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        if (ufrag == null || ufrag.length() < 4 || ufrag.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an ICE ufrag has at least 4 characters and no ':'");
        }
        if (pwd == null || pwd.length() < 22) {
            throw new IllegalArgumentException("an ICE pwd has at least 22 characters");
        }
    }

    /** Fresh random credentials, for a new endpoint or an ICE restart. */
    public static IceCredentials random() {
        return new IceCredentials(randomString(8), randomString(24));
    }

    /** The MESSAGE-INTEGRITY key of checks sent to the owner of these credentials. */
    public byte[] integrityKey() {
        return pwd.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomString(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(c);
    }
}
