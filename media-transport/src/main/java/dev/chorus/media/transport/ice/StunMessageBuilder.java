package dev.chorus.media.transport.ice;

import static dev.chorus.media.transport.ice.StunMessage.ATTR_ERROR_CODE;
import static dev.chorus.media.transport.ice.StunMessage.ATTR_FINGERPRINT;
import static dev.chorus.media.transport.ice.StunMessage.ATTR_ICE_CONTROLLED;
import static dev.chorus.media.transport.ice.StunMessage.ATTR_ICE_CONTROLLING;
import static dev.chorus.media.transport.ice.StunMessage.ATTR_MESSAGE_INTEGRITY;
import static dev.chorus.media.transport.ice.StunMessage.ATTR_PRIORITY;
import static dev.chorus.media.transport.ice.StunMessage.ATTR_SOFTWARE;
import static dev.chorus.media.transport.ice.StunMessage.ATTR_USERNAME;
import static dev.chorus.media.transport.ice.StunMessage.ATTR_USE_CANDIDATE;
import static dev.chorus.media.transport.ice.StunMessage.ATTR_XOR_MAPPED_ADDRESS;
import static dev.chorus.media.transport.ice.StunMessage.HEADER_LENGTH;
import static dev.chorus.media.transport.ice.StunMessage.MAGIC_COOKIE;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Writes a STUN message attribute by attribute; {@link #build(byte[])} appends MESSAGE-INTEGRITY
 * (when given a key) and FINGERPRINT, which ICE requires on every check and answer.
 */
public final class StunMessageBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    private final byte[] transactionId;

    public StunMessageBuilder(int type, byte[] transactionId) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("a STUN transaction id has 12 bytes");
        }
        this.transactionId = transactionId.clone();
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = (byte) (type >>> 8);
        header[1] = (byte) type;
        StunMessage.writeI32(header, 4, MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, header, 8, 12);
        out.writeBytes(header);
    }

    public StunMessageBuilder username(String username) {
        return attribute(ATTR_USERNAME, username.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder software(String software) {
        return attribute(ATTR_SOFTWARE, software.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder priority(long priority) {
        byte[] v = new byte[4];
        StunMessage.writeI32(v, 0, (int) priority);
        return attribute(ATTR_PRIORITY, v);
    }

    public StunMessageBuilder useCandidate() {
        return attribute(ATTR_USE_CANDIDATE, new byte[0]);
    }

    public StunMessageBuilder iceControlling(long tieBreaker) {
        return attribute(ATTR_ICE_CONTROLLING, long8(tieBreaker));
    }

    public StunMessageBuilder iceControlled(long tieBreaker) {
        return attribute(ATTR_ICE_CONTROLLED, long8(tieBreaker));
    }

    /** ERROR-CODE, e.g. 487 Role Conflict. */
    public StunMessageBuilder errorCode(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[4 + text.length];
        v[2] = (byte) (code / 100);
        v[3] = (byte) (code % 100);
        System.arraycopy(text, 0, v, 4, text.length);
        return attribute(ATTR_ERROR_CODE, v);
    }

    /** XOR-MAPPED-ADDRESS: the transport address the request came from, xored as RFC 5389 says. */
    public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
        byte[] addr = address.getAddress().getAddress();
        byte[] v = new byte[4 + addr.length];
        v[1] = (byte) (address.getAddress() instanceof Inet4Address ? 1 : 2);
        int port = address.getPort() ^ (MAGIC_COOKIE >>> 16);
        v[2] = (byte) (port >>> 8);
        v[3] = (byte) port;
        byte[] mask = new byte[16];
        StunMessage.writeI32(mask, 0, MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, mask, 4, 12);
        for (int i = 0; i < addr.length; i++) {
            v[4 + i] = (byte) (addr[i] ^ mask[i]);
        }
        return attribute(ATTR_XOR_MAPPED_ADDRESS, v);
    }

    /**
     * Finishes the message: MESSAGE-INTEGRITY keyed by {@code integrityKey} (skipped when null),
     * then FINGERPRINT.
     */
    public byte[] build(byte[] integrityKey) {
        if (integrityKey != null) {
            byte[] sofar = out.toByteArray();
            byte[] mac = StunMessage.hmacSha1(integrityKey, sofar, sofar.length, sofar.length + 24 - HEADER_LENGTH);
            attribute(ATTR_MESSAGE_INTEGRITY, mac);
        }
        byte[] sofar = out.toByteArray();
        byte[] crc = new byte[4];
        StunMessage.writeI32(crc, 0, StunMessage.crc32(sofar, sofar.length));
        attribute(ATTR_FINGERPRINT, crc);
        byte[] message = out.toByteArray();
        int bodyLength = message.length - HEADER_LENGTH;
        message[2] = (byte) (bodyLength >>> 8);
        message[3] = (byte) bodyLength;
        return message;
    }

    private StunMessageBuilder attribute(int type, byte[] value) {
        out.write(type >>> 8);
        out.write(type);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
        for (int pad = (4 - (value.length & 3)) & 3; pad > 0; pad--) {
            out.write(0);
        }
        return this;
    }

    private static byte[] long8(long v) {
        byte[] b = new byte[8];
        StunMessage.writeI32(b, 0, (int) (v >>> 32));
        StunMessage.writeI32(b, 4, (int) v);
        return b;
    }
}
