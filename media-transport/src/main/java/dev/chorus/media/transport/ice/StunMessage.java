package dev.chorus.media.transport.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A parsed STUN message (RFC 5389) with the attributes ICE uses (RFC 8445). Parsing copies the
 * datagram: STUN is control traffic (a few checks a second per endpoint), so clarity wins over
 * zero-copy here. Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored, as the
 * RFC requires.
 */
public final class StunMessage {

    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;
    public static final int MAGIC_COOKIE = 0x2112A442;
    static final int HEADER_LENGTH = 20;

    static final int ATTR_MAPPED_ADDRESS = 0x0001;
    static final int ATTR_USERNAME = 0x0006;
    static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    static final int ATTR_ERROR_CODE = 0x0009;
    static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    static final int ATTR_PRIORITY = 0x0024;
    static final int ATTR_USE_CANDIDATE = 0x0025;
    static final int ATTR_SOFTWARE = 0x8022;
    static final int ATTR_FINGERPRINT = 0x8028;
    static final int ATTR_ICE_CONTROLLED = 0x8029;
    static final int ATTR_ICE_CONTROLLING = 0x802A;
    static final int FINGERPRINT_XOR = 0x5354554e;

    private final byte[] bytes;
    private final int type;
    private final byte[] transactionId;
    private String username;
    private int integrityOffset = -1;
    private int fingerprintOffset = -1;
    private int xorMappedOffset = -1;
    private int xorMappedLength;
    private long priority = -1;
    private boolean useCandidate;
    private Long iceControlling;
    private Long iceControlled;

    private StunMessage(byte[] bytes) {
        this.bytes = bytes;
        this.type = u16(bytes, 0);
        this.transactionId = Arrays.copyOfRange(bytes, 8, HEADER_LENGTH);
    }

    /**
     * Parses a STUN message, or answers {@code null} when the datagram is not a well-formed one
     * (wrong leading bits, no magic cookie, lengths that do not add up, truncated attributes).
     */
    public static StunMessage parse(byte[] buf, int off, int len) {
        if (len < HEADER_LENGTH || (buf[off] & 0xc0) != 0) {
            return null;
        }
        int bodyLength = u16(buf, off + 2);
        if ((bodyLength & 3) != 0 || HEADER_LENGTH + bodyLength != len || i32(buf, off + 4) != MAGIC_COOKIE) {
            return null;
        }
        StunMessage m = new StunMessage(Arrays.copyOfRange(buf, off, off + len));
        return m.parseAttributes() ? m : null;
    }

    private boolean parseAttributes() {
        int pos = HEADER_LENGTH;
        boolean afterIntegrity = false;
        while (pos + 4 <= bytes.length) {
            int attrType = u16(bytes, pos);
            int attrLen = u16(bytes, pos + 2);
            int value = pos + 4;
            if (value + attrLen > bytes.length) {
                return false;
            }
            if (attrType == ATTR_FINGERPRINT) {
                if (attrLen != 4 || value + 4 != bytes.length) {
                    return false;
                }
                fingerprintOffset = pos;
            } else if (!afterIntegrity) {
                switch (attrType) {
                    case ATTR_USERNAME -> username = new String(bytes, value, attrLen, StandardCharsets.UTF_8);
                    case ATTR_MESSAGE_INTEGRITY -> {
                        if (attrLen != 20) {
                            return false;
                        }
                        integrityOffset = pos;
                        afterIntegrity = true;
                    }
                    case ATTR_XOR_MAPPED_ADDRESS -> {
                        xorMappedOffset = value;
                        xorMappedLength = attrLen;
                    }
                    case ATTR_PRIORITY -> priority = attrLen == 4 ? i32(bytes, value) & 0xffffffffL : -1;
                    case ATTR_USE_CANDIDATE -> useCandidate = true;
                    case ATTR_ICE_CONTROLLING -> iceControlling = attrLen == 8 ? i64(bytes, value) : null;
                    case ATTR_ICE_CONTROLLED -> iceControlled = attrLen == 8 ? i64(bytes, value) : null;
                    default -> { }
                }
            }
            pos = value + ((attrLen + 3) & ~3);
        }
        return pos == bytes.length;
    }

    public int type() {
        return type;
    }

    public boolean isBindingRequest() {
        return type == BINDING_REQUEST;
    }

    public boolean isBindingSuccess() {
        return type == BINDING_SUCCESS;
    }

    /** The 96-bit transaction id (a copy). */
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** USERNAME, or {@code null}; in ICE checks it is {@code <receiver ufrag>:<sender ufrag>}. */
    public String username() {
        return username;
    }

    /** PRIORITY, or -1 when absent. */
    public long priority() {
        return priority;
    }

    public boolean useCandidate() {
        return useCandidate;
    }

    /** ICE-CONTROLLING tie-breaker, or {@code null}. */
    public Long iceControlling() {
        return iceControlling;
    }

    /** ICE-CONTROLLED tie-breaker, or {@code null}. */
    public Long iceControlled() {
        return iceControlled;
    }

    public boolean hasMessageIntegrity() {
        return integrityOffset >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    /**
     * Checks MESSAGE-INTEGRITY: HMAC-SHA1, keyed by the short-term password, over the message up to
     * the attribute with the header length counting up to the end of it. False when absent.
     */
    public boolean checkMessageIntegrity(byte[] key) {
        if (integrityOffset < 0) {
            return false;
        }
        byte[] expected = hmacSha1(key, bytes, integrityOffset, integrityOffset + 24 - HEADER_LENGTH);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, integrityOffset + 4, integrityOffset + 24));
    }

    /** Checks FINGERPRINT (CRC-32 of the message before it, xor 0x5354554e). False when absent. */
    public boolean checkFingerprint() {
        if (fingerprintOffset < 0) {
            return false;
        }
        return i32(bytes, fingerprintOffset + 4) == crc32(bytes, fingerprintOffset);
    }

    /** XOR-MAPPED-ADDRESS decoded, or {@code null}. */
    public InetSocketAddress xorMappedAddress() {
        if (xorMappedOffset < 0 || xorMappedLength < 8) {
            return null;
        }
        int family = bytes[xorMappedOffset + 1];
        int port = u16(bytes, xorMappedOffset + 2) ^ (MAGIC_COOKIE >>> 16);
        int addrLen = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (addrLen < 0 || xorMappedLength < 4 + addrLen) {
            return null;
        }
        byte[] addr = new byte[addrLen];
        byte[] mask = new byte[16];
        writeI32(mask, 0, MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, mask, 4, 12);
        for (int i = 0; i < addrLen; i++) {
            addr[i] = (byte) (bytes[xorMappedOffset + 4 + i] ^ mask[i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(addr), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The message as it was received. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    // --- shared codec primitives (also used by StunMessageBuilder) ---

    static byte[] hmacSha1(byte[] key, byte[] msg, int end, int patchedLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(msg, 0, 2);
            mac.update((byte) (patchedLength >>> 8));
            mac.update((byte) patchedLength);
            mac.update(msg, 4, end - 4);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 unavailable", e);
        }
    }

    /** CRC-32 xor 0x5354554e over msg[0, end) with the header length counting the FINGERPRINT. */
    static int crc32(byte[] msg, int end) {
        int patchedLength = end + 8 - HEADER_LENGTH;
        CRC32 crc = new CRC32();
        crc.update(msg, 0, 2);
        crc.update(patchedLength >>> 8);
        crc.update(patchedLength);
        crc.update(msg, 4, end - 4);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static int i32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    static long i64(byte[] b, int off) {
        return ((long) i32(b, off) << 32) | (i32(b, off + 4) & 0xffffffffL);
    }

    static void writeI32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
