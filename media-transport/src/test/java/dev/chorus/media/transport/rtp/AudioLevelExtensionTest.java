package dev.chorus.media.transport.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AudioLevelExtensionTest {

    @Test
    void writesAndReadsTheLevelAndVoiceFlag() {
        AudioLevelExtension ext = new AudioLevelExtension(1);
        byte[] packet = new byte[AudioLevelExtension.HEADER_LENGTH_WITH_LEVEL + 80];

        int header = ext.writeHeader(packet, 0, 111, 65535, 123_456L, 0xcafebabe, 33, true);

        assertThat(header).isEqualTo(RtpHeader.headerLength(packet, 0, packet.length));
        assertThat(RtpHeader.isValid(packet, 0, packet.length)).isTrue();
        assertThat(RtpHeader.sequenceNumber(packet, 0)).isEqualTo(65535);
        assertThat(RtpHeader.ssrc(packet, 0)).isEqualTo(0xcafebabe);
        assertThat(RtpHeader.payloadType(packet, 0)).isEqualTo(111);
        assertThat(RtpHeader.payloadLength(packet, 0, packet.length)).isEqualTo(80);
        int found = ext.find(packet, 0, packet.length);
        assertThat(AudioLevelExtension.level(found)).isEqualTo(33);
        assertThat(AudioLevelExtension.voiceActivity(found)).isTrue();
        assertThat(new AudioLevelExtension(3).find(packet, 0, packet.length)).isEqualTo(AudioLevelExtension.NOT_FOUND);
    }

    @Test
    void readsTheLevelAmongOtherOneByteElementsAsChromiumSendsThem() {
        // V=2 X=1 PT=111, extension 0xBEDE of 2 words: id 1 (audio level, 0x80|50), then id 2
        // (abs-send-time, 3 bytes), then padding.
        byte[] packet = HexFormat.of().parseHex(
                "906f0001" + "00000960" + "01020304"
                + "bede0002" + "10b2" + "22aabbcc" + "0000"
                + "fcff");
        AudioLevelExtension ext = new AudioLevelExtension(1);

        int found = ext.find(packet, 0, packet.length);

        assertThat(AudioLevelExtension.level(found)).isEqualTo(50);
        assertThat(AudioLevelExtension.voiceActivity(found)).isTrue();
        assertThat(RtpHeader.payloadLength(packet, 0, packet.length)).isEqualTo(2);
    }

    @Test
    void readsTheTwoByteForm() {
        byte[] packet = HexFormat.of().parseHex(
                "906f0001" + "00000960" + "01020304" + "10000001" + "05017f00" + "aa");
        assertThat(new AudioLevelExtension(5).find(packet, 0, packet.length)).isEqualTo(0x7f);
    }

    @Test
    void malformedExtensionsAreNotFoundRatherThanThrown() {
        byte[] overrun = HexFormat.of().parseHex("906f0001" + "00000960" + "01020304" + "bede00ff" + "10b2");
        assertThat(new AudioLevelExtension(1).find(overrun, 0, overrun.length)).isEqualTo(AudioLevelExtension.NOT_FOUND);
        assertThat(RtpHeader.isValid(overrun, 0, overrun.length)).isFalse();
        byte[] noExtension = HexFormat.of().parseHex("806f0001" + "00000960" + "01020304" + "aa");
        assertThat(new AudioLevelExtension(1).find(noExtension, 0, noExtension.length))
                .isEqualTo(AudioLevelExtension.NOT_FOUND);
    }
}
