package dev.chorus.media.transport;

import java.util.Arrays;
import org.jitsi.utils.ByteArrayBuffer;

/**
 * A reusable, mutable window over a byte array holding one packet. SRTP transforms work in place
 * on it: protecting appends the authentication tag (so keep {@link #TRAILER_ROOM} spare bytes at
 * the end of the array to avoid a reallocation), unprotecting shrinks it.
 */
public final class PacketBuffer implements ByteArrayBuffer {

    /** Spare room to leave after a packet so SRTP/SRTCP tags and indexes fit without growing. */
    public static final int TRAILER_ROOM = 32;

    private byte[] buffer;
    private int offset;
    private int length;

    public PacketBuffer(int capacity) {
        this.buffer = new byte[capacity];
    }

    public PacketBuffer(byte[] buffer, int offset, int length) {
        set(buffer, offset, length);
    }

    /** Points this buffer at another array region; nothing is copied. */
    public PacketBuffer set(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Copies {@code len} bytes into this buffer's own array at offset 0, growing it if needed. */
    public PacketBuffer copyFrom(byte[] src, int off, int len) {
        if (buffer.length < len + TRAILER_ROOM) {
            buffer = new byte[len + TRAILER_ROOM];
        }
        System.arraycopy(src, off, buffer, 0, len);
        offset = 0;
        length = len;
        return this;
    }

    /** A copy of the bytes of the packet. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        this.length = len;
    }

    @Override
    public void setOffset(int off) {
        this.offset = off;
    }

    @Override
    public boolean isInvalid() {
        return buffer == null || offset < 0 || length < 0 || offset + length > buffer.length;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] outBuf) {
        System.arraycopy(buffer, offset + off, outBuf, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length) {
            byte[] bigger = new byte[length + howMuch + TRAILER_ROOM];
            System.arraycopy(buffer, offset, bigger, 0, length);
            buffer = bigger;
            offset = 0;
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
