package dev.chorus.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketKindTest {

    @Test
    void classifiesByFirstByteAsRfc7983Says() {
        assertThat(kind(0x00)).isEqualTo(PacketKind.STUN);
        assertThat(kind(0x01)).isEqualTo(PacketKind.STUN);
        assertThat(kind(0x03)).isEqualTo(PacketKind.STUN);
        assertThat(kind(20)).isEqualTo(PacketKind.DTLS);
        assertThat(kind(0x16)).isEqualTo(PacketKind.DTLS);
        assertThat(kind(63)).isEqualTo(PacketKind.DTLS);
        assertThat(kind(0x80)).isEqualTo(PacketKind.RTP_OR_RTCP);
        assertThat(kind(0x90)).isEqualTo(PacketKind.RTP_OR_RTCP);
        assertThat(kind(191)).isEqualTo(PacketKind.RTP_OR_RTCP);
        assertThat(kind(4)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind(64)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind(192)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketKind.of(new byte[0], 0, 0)).isEqualTo(PacketKind.UNKNOWN);
    }

    private static PacketKind kind(int firstByte) {
        return PacketKind.of(new byte[] {(byte) firstByte, 0}, 0, 2);
    }
}
