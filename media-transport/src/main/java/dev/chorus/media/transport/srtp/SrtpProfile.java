package dev.chorus.media.transport.srtp;

import java.util.Optional;

/**
 * The DTLS-SRTP protection profiles Chorus negotiates (RFC 5764 section 4.1.2, RFC 7714
 * section 14.2), with the key and salt sizes that size the exported keying material.
 */
public enum SrtpProfile {
    /** AES-128 counter mode with an 80-bit HMAC-SHA1 tag: what every WebRTC stack offers. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10),
    /** AES-128-GCM AEAD with a 128-bit tag: cheaper per packet with AES-NI, offered by browsers. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16);

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int tagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
    }

    /** The SRTPProtectionProfile value carried in the use_srtp extension. */
    public int id() {
        return id;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    /** Bytes the authentication tag adds to each RTP packet. */
    public int tagLength() {
        return tagLength;
    }

    /** Length of the DTLS exporter output: two keys and two salts, client's first. */
    public int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    public static Optional<SrtpProfile> byId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
